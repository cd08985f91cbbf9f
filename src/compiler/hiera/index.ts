// Hiera 5 for papply: loadHiera(hiera.yaml) gives the DataLookup the compiler uses for automatic
// class parameter lookup and the lookup()/hiera*() functions. Levels are searched in order,
// values found are interpolated, then merged by the explicit merge, else by `lookup_options`
// in the data, else 'first'.

import { isAbsolute, join } from 'node:path';
import { PapplyError } from '../../errors.js';
import type { DataLookup } from '../functions/registry.js';
import { isHash, type PHash, type Value } from '../values.js';
import { loadHieraConfig, type HieraConfig, type HierarchyLevel } from './config.js';
import { DataFiles, expandGlob } from './data-files.js';
import { interpolate, splitKey, type InterpolationContext } from './interpolate.js';
import { deepMerge, mergeFound, parseMerge, type MergeStrategy } from './merge.js';

export { deepMerge, mergeFound, parseMerge } from './merge.js';
export type { MergeStrategy } from './merge.js';

type Scope = { lookupVariable(name: string): Value };

export interface LookupResult {
  found: boolean;
  value?: Value;
}

export class Hiera implements DataLookup {
  private readonly files = new DataFiles();
  private readonly config: HieraConfig;
  /** Keys being looked up by interpolation, to report recursion instead of overflowing. */
  private readonly active: string[] = [];

  constructor(configPath: string) {
    this.config = loadHieraConfig(configPath);
  }

  lookup(key: string, scope: Scope, options?: { merge?: Value }): LookupResult {
    if (key === 'lookup_options') throw new PapplyError("The key 'lookup_options' is reserved for Hiera's lookup options and cannot be looked up");
    if (this.active.includes(key)) throw new PapplyError(`Recursive lookup detected in [${[...this.active, key].join(', ')}]`);
    this.active.push(key);
    try {
      return this.search(key, scope, options?.merge);
    } finally {
      this.active.pop();
    }
  }

  private search(key: string, scope: Scope, explicitMerge: Value): LookupResult {
    const [root, ...dig] = splitKey(key, `lookup of '${key}'`);
    const strategy = explicitMerge !== undefined ? parseMerge(explicitMerge, `lookup of '${key}'`) : this.mergeFromOptions(root, scope);
    const found: Value[] = [];
    search: for (const level of this.config.hierarchy) {
      for (const file of this.levelFiles(level, scope)) {
        const data = this.files.read(file, level.dataHash);
        if (!data || !data.has(root)) continue;
        found.push(interpolate(data.get(root), this.interpolation(scope, file)));
        if (strategy.name === 'first') break search;
      }
    }
    if (!found.length) return { found: false };
    let value = mergeFound(strategy, found, root);
    for (const segment of dig) {
      if (isHash(value) && value.has(segment)) value = value.get(segment);
      else if (Array.isArray(value) && /^\d+$/.test(segment) && Number(segment) < value.length) value = value[Number(segment)];
      else return { found: false };
    }
    return { found: true, value };
  }

  private interpolation(scope: Scope, where: string): InterpolationContext {
    return {
      where,
      lookupVariable: (name) => scope.lookupVariable(name),
      // `%{lookup('k')}` of a missing key is the empty string, as in Puppet.
      lookupKey: (k) => {
        const result = this.lookup(k, scope);
        return result.found ? result.value : '';
      },
    };
  }

  /** The data files of a level, paths interpolated with the scope; missing files are skipped later. */
  private levelFiles(level: HierarchyLevel, scope: Scope): string[] {
    const context: InterpolationContext = { where: `${this.config.file} (level '${level.name}')`, lookupVariable: (n) => scope.lookupVariable(n) };
    const files = level.paths.map((p) => {
      const path = String(interpolate(p, context));
      return isAbsolute(path) ? path : join(level.datadir, path);
    });
    for (const g of level.globs) files.push(...expandGlob(level.datadir, String(interpolate(g, context))));
    return files;
  }

  /** The merge `lookup_options` (deep-merged across all levels) give `key`: by name, else by regexp. */
  private mergeFromOptions(key: string, scope: Scope): MergeStrategy {
    let options: Value = undefined;
    const all: PHash[] = [];
    for (const level of this.config.hierarchy) {
      for (const file of this.levelFiles(level, scope)) {
        const data = this.files.read(file, level.dataHash);
        const own = data?.get('lookup_options');
        if (own === undefined) continue;
        if (!isHash(own)) throw new PapplyError(`${file}: lookup_options must be a hash`);
        all.push(own);
      }
    }
    if (!all.length) return { name: 'first' };
    const merged = all.slice(1).reduce<Value>((memo, lower) => deepMerge(memo, structuredCloneValue(lower), { name: 'deep' }), structuredCloneValue(all[0])) as PHash;
    options = merged.get(key);
    if (options === undefined) {
      for (const [pattern, value] of merged) {
        if (typeof pattern === 'string' && pattern.startsWith('^') && new RegExp(pattern).test(key)) {
          options = value;
          break;
        }
      }
    }
    if (!isHash(options) || options.get('merge') === undefined) return { name: 'first' };
    return parseMerge(options.get('merge'), `lookup_options for '${key}'`);
  }
}

function structuredCloneValue(value: Value): Value {
  if (Array.isArray(value)) return value.map(structuredCloneValue);
  if (isHash(value)) return new Map([...value].map(([k, v]) => [k, structuredCloneValue(v)]));
  return value;
}

/** Loads a hiera.yaml (version 5); errors in it name the file. */
export function loadHiera(configPath: string): DataLookup {
  return new Hiera(configPath);
}
