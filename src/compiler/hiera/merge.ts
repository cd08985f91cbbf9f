// Hiera's merge behaviours, as Puppet's MergeStrategy and the deep_merge gem implement them.
// Values arrive in priority order (highest first) and are reduced pairwise.

import { PapplyError } from '../../errors.js';
import { isHash, type PHash, type Value } from '../values.js';
import { valuesEqual } from './values.js';

export type StrategyName = 'first' | 'unique' | 'hash' | 'deep';

export interface MergeStrategy {
  name: StrategyName;
  knockoutPrefix?: string;
  sortMergedArrays?: boolean;
  mergeHashArrays?: boolean;
}

/** A merge given as a name (`'deep'`) or a hash (`{strategy => deep, knockout_prefix => '--'}`). */
export function parseMerge(merge: Value, where: string): MergeStrategy {
  if (merge === undefined) return { name: 'first' };
  if (typeof merge === 'string') return { name: strategyName(merge, where) };
  if (isHash(merge)) {
    const name = strategyName(merge.get('strategy'), where);
    const knockout = merge.get('knockout_prefix');
    return {
      name,
      knockoutPrefix: typeof knockout === 'string' ? knockout : undefined,
      sortMergedArrays: merge.get('sort_merged_arrays') === true,
      mergeHashArrays: merge.get('merge_hash_arrays') === true,
    };
  }
  throw new PapplyError(`${where}: merge must be a strategy name or a hash with 'strategy', got ${String(merge)}`);
}

function strategyName(name: Value, where: string): StrategyName {
  // Hiera 3 names still accepted by Puppet.
  if (name === 'priority') return 'first';
  if (name === 'array') return 'unique';
  if (name === 'first' || name === 'unique' || name === 'hash' || name === 'deep') return name as StrategyName;
  throw new PapplyError(`${where}: unknown merge strategy '${String(name)}' (first, unique, hash or deep)`);
}

/** Merges values found at several hierarchy levels, highest priority first. */
export function mergeFound(strategy: MergeStrategy, values: Value[], key: string): Value {
  if (values.length === 1) {
    const only = values[0];
    return strategy.name === 'unique' && Array.isArray(only) ? uniq(only) : only;
  }
  switch (strategy.name) {
    case 'first':
      return values[0];
    case 'unique':
      return values.slice(1).reduce<Value[]>((memo, v) => uniq([...memo, ...flatArray(v)]), flatArray(values[0]));
    case 'hash':
      return values.slice(1).reduce<Value>((memo, lower) => {
        const higher = requireHash(memo, key, 'hash');
        const result: PHash = new Map(requireHash(lower, key, 'hash'));
        for (const [k, v] of higher) result.set(k, v);
        return result;
      }, requireHash(values[0], key, 'hash'));
    case 'deep':
      return values.slice(1).reduce<Value>((memo, lower) => deepMerge(memo, deepClone(lower), strategy), values[0]);
  }
}

function requireHash(value: Value, key: string, strategy: string): PHash {
  if (!isHash(value)) throw new PapplyError(`Lookup of '${key}' with merge '${strategy}': a value found is not a Hash`);
  return value;
}

function flatArray(value: Value): Value[] {
  return Array.isArray(value) ? value.flat(Infinity as 1) : [value];
}

function uniq(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.some((o) => valuesEqual(o, v))) out.push(v);
  return out;
}

export function deepClone(value: Value): Value {
  if (Array.isArray(value)) return value.map(deepClone);
  if (isHash(value)) return new Map([...value].map(([k, v]) => [k, deepClone(v)]));
  return value;
}

/**
 * DeepMerge.deep_merge!(source, dest) with preserve_unmergeables false: `source` (higher priority)
 * is merged into `dest`; hashes merge key by key, arrays become `dest | source`, anything else is
 * overwritten by source unless source is undef.
 */
export function deepMerge(source: Value, dest: Value, options: MergeStrategy): Value {
  const ko = options.knockoutPrefix;
  if (source === undefined) return dest;
  if (dest === undefined || dest === false) return source;
  if (isHash(source)) {
    if (!isHash(dest)) return overwrite(source, ko);
    for (const [k, v] of source) {
      const existing = dest.get(k);
      if (existing !== undefined && existing !== false) dest.set(k, deepMerge(v, existing, options));
      else dest.set(k, deepMerge(v, deepClone(v), options));
    }
    return dest;
  }
  if (Array.isArray(source)) {
    let src = [...source];
    let target: Value = dest;
    if (ko && src.includes(ko)) {
      target = Array.isArray(target) ? [] : isHash(target) ? new Map() : undefined;
      src = src.filter((item) => item !== ko);
    }
    if (Array.isArray(target)) {
      let list = [...target];
      if (ko) {
        src = src.filter((item) => {
          if (typeof item !== 'string' || !item.startsWith(ko)) return true;
          const knocked = item.slice(ko.length);
          list = list.filter((d) => d !== knocked && d !== item);
          return false;
        });
      }
      let merged: Value[];
      if (options.mergeHashArrays && src.every(isHash) && list.every(isHash)) {
        merged = list.map((d, i) => deepMerge(src[i] ?? new Map(), d, options));
        if (src.length > list.length) merged.push(...src.slice(list.length));
      } else merged = uniq([...list, ...src]);
      if (options.sortMergedArrays) merged.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
      return merged;
    }
    return overwrite(src, ko);
  }
  return overwrite(source, ko);
}

/** deep_merge's overwrite_unmergeables: source wins; with a knockout prefix, knocked-out values clear. */
function overwrite(source: Value, ko: string | undefined): Value {
  if (!ko) return source;
  if (typeof source === 'string') return source.startsWith(ko) ? '' : source;
  if (Array.isArray(source)) {
    const kept = source.filter((item) => !(typeof item === 'string' && item.startsWith(ko)));
    return kept.length === source.length ? source : '';
  }
  return source;
}
