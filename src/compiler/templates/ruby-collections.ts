// Array, Hash and Range methods of the template Ruby subset. Hashes enumerate as [key, value]
// pairs, which blocks with two parameters receive splat, as in Ruby.

import { RubyError, requireBlock, type RBlock, type RubyRuntime } from './ruby-runtime.js';
import { NO_METHOD } from './ruby-string.js';
import {
  RRange, RSymbol, className, inspect, isInteger, isNumeric, isTruthy, makeFloat, numberOf, rangeToArray, rubyCompare,
  rubyEquals, toS, type RHash, type RValue,
} from './ruby-values.js';

type Result = RValue | typeof NO_METHOD;

function compareOrFail(a: RValue, b: RValue): number {
  const c = rubyCompare(a, b);
  if (c === undefined) throw new RubyError(`comparison of ${className(a)} with ${inspect(b)} failed`);
  return c;
}

function sortWith(items: RValue[], block: RBlock | undefined): RValue[] {
  const copy = [...items];
  if (!block) return copy.sort(compareOrFail);
  return copy.sort((a, b) => numberOf(block.call([a, b])));
}

function flatten(items: RValue[], depth: number): RValue[] {
  const out: RValue[] = [];
  for (const item of items) {
    if (Array.isArray(item) && depth !== 0) out.push(...flatten(item, depth - 1));
    else out.push(item);
  }
  return out;
}

function uniq(items: RValue[], key: (v: RValue) => RValue = (v) => v): RValue[] {
  const seen: RValue[] = [];
  const out: RValue[] = [];
  for (const item of items) {
    const k = key(item);
    if (!seen.some((s) => rubyEquals(s, k) && className(s) === className(k))) {
      seen.push(k);
      out.push(item);
    }
  }
  return out;
}

function includes(items: RValue[], value: RValue): boolean {
  return items.some((item) => rubyEquals(item, value));
}

function pairsToHash(pairs: RValue[]): RHash {
  const hash: RHash = new Map();
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new RubyError(`wrong element type ${className(pair)} (expected array of 2)`);
    hash.set(pair[0], pair[1]);
  }
  return hash;
}

function sum(items: RValue[], init: RValue): RValue {
  let total = init;
  for (const item of items) total = add(total, item);
  return total;
}

function add(a: RValue, b: RValue): RValue {
  if (isNumeric(a) && isNumeric(b)) {
    const n = numberOf(a) + numberOf(b);
    return isInteger(a) && isInteger(b) ? n : makeFloat(n);
  }
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  throw new RubyError(`${className(b)} can't be coerced into ${className(a)}`);
}

/** Enumerable methods over a list of items (array elements, hash pairs, range members). */
function enumerable(rt: RubyRuntime, items: RValue[], name: string, args: RValue[], block: RBlock | undefined, hash: boolean): Result {
  const toHashIf = (list: RValue[]): RValue => (hash ? pairsToHash(list) : list);
  switch (name) {
    case 'each': {
      for (const item of items) requireBlock(block, name).call([item]);
      return undefined; // callers return the receiver
    }
    case 'each_with_index':
    case 'each_index':
      // Without a block: the [item, index] pairs an Enumerator would give (`.each_with_index.map`).
      if (!block) return items.map((item, i) => (name === 'each_index' ? i : [item, i]));
      items.forEach((item, i) => block.call(name === 'each_index' ? [i] : [item, i]));
      return undefined;
    case 'each_with_object': {
      const memo = args[0];
      for (const item of items) requireBlock(block, name).call([item, memo]);
      return memo;
    }
    case 'reverse_each':
      for (const item of [...items].reverse()) requireBlock(block, name).call([item]);
      return undefined;
    case 'map':
    case 'collect':
      return items.map((item) => requireBlock(block, name).call([item]));
    case 'flat_map':
    case 'collect_concat':
      return flatten(items.map((item) => requireBlock(block, name).call([item])), 1);
    case 'filter_map':
      return items.map((item) => requireBlock(block, name).call([item])).filter(isTruthy);
    case 'select':
    case 'filter':
    case 'find_all':
      return toHashIf(items.filter((item) => isTruthy(requireBlock(block, name).call([item]))));
    case 'reject':
      return toHashIf(items.filter((item) => !isTruthy(requireBlock(block, name).call([item]))));
    case 'partition': {
      const yes: RValue[] = [];
      const no: RValue[] = [];
      for (const item of items) (isTruthy(requireBlock(block, name).call([item])) ? yes : no).push(item);
      return [yes, no];
    }
    case 'group_by': {
      const groups: RHash = new Map();
      for (const item of items) {
        const key = requireBlock(block, name).call([item]);
        const existing = [...groups.keys()].find((k) => rubyEquals(k, key));
        if (existing !== undefined || groups.has(key)) (groups.get(existing ?? key) as RValue[]).push(item);
        else groups.set(key, [item]);
      }
      return groups;
    }
    case 'find':
    case 'detect':
      return items.find((item) => isTruthy(requireBlock(block, name).call([item])));
    case 'find_index':
    case 'index': {
      const i = block ? items.findIndex((item) => isTruthy(block.call([item]))) : items.findIndex((item) => rubyEquals(item, args[0]));
      return i < 0 ? undefined : i;
    }
    case 'all?':
      return items.every((item) => isTruthy(block ? block.call([item]) : item));
    case 'any?':
      return items.some((item) => isTruthy(block ? block.call([item]) : item));
    case 'none?':
      return !items.some((item) => isTruthy(block ? block.call([item]) : item));
    case 'one?':
      return items.filter((item) => isTruthy(block ? block.call([item]) : item)).length === 1;
    case 'count':
      if (block) return items.filter((item) => isTruthy(block.call([item]))).length;
      if (args.length) return items.filter((item) => rubyEquals(item, args[0])).length;
      return items.length;
    case 'include?':
    case 'member?':
      return includes(items, args[0]);
    case 'sort':
      return sortWith(items, block);
    case 'sort_by':
      return items
        .map((item) => ({ item, key: requireBlock(block, name).call([item]) }))
        .sort((a, b) => compareOrFail(a.key, b.key))
        .map((x) => x.item);
    case 'min':
    case 'max': {
      if (items.length === 0) return undefined;
      const sorted = sortWith(items, block);
      return name === 'min' ? sorted[0] : sorted[sorted.length - 1];
    }
    case 'min_by':
    case 'max_by': {
      if (items.length === 0) return undefined;
      const keyed = items.map((item) => ({ item, key: requireBlock(block, name).call([item]) }));
      keyed.sort((a, b) => compareOrFail(a.key, b.key));
      return name === 'min_by' ? keyed[0].item : keyed[keyed.length - 1].item;
    }
    case 'sum':
      return sum(block ? items.map((i) => block.call([i])) : items, args.length ? args[0] : 0);
    case 'inject':
    case 'reduce': {
      // `inject(:+)` / `inject(0, :+)`: the symbol names the method combining memo and item.
      const last = args[args.length - 1];
      const operator = !block && last instanceof RSymbol ? last.name : undefined;
      const combine = operator !== undefined ? (memo: RValue, item: RValue) => rt.callMethod(memo, operator, [item], undefined) : undefined;
      const initial = operator !== undefined ? args.slice(0, -1) : args;
      let list = items;
      let memo: RValue;
      if (initial.length) memo = initial[0];
      else {
        if (list.length === 0) return undefined;
        memo = list[0];
        list = list.slice(1);
      }
      for (const item of list) memo = combine ? combine(memo, item) : requireBlock(block, name).call([memo, item]);
      return memo;
    }
    case 'to_a':
    case 'entries':
      return [...items];
    case 'to_h':
      return pairsToHash(block ? items.map((i) => block.call([i])) : items);
    case 'first':
      return args.length ? items.slice(0, numberOf(args[0])) : items[0];
    case 'take':
      return items.slice(0, numberOf(args[0]));
    case 'drop':
      return items.slice(numberOf(args[0]));
    case 'take_while': {
      const out: RValue[] = [];
      for (const item of items) {
        if (!isTruthy(requireBlock(block, name).call([item]))) break;
        out.push(item);
      }
      return out;
    }
    case 'each_slice':
    case 'each_cons': {
      const n = numberOf(args[0]);
      const groups: RValue[][] = [];
      if (name === 'each_slice') for (let i = 0; i < items.length; i += n) groups.push(items.slice(i, i + n));
      else for (let i = 0; i + n <= items.length; i++) groups.push(items.slice(i, i + n));
      if (!block) return groups;
      for (const group of groups) block.call([group]);
      return undefined;
    }
    case 'zip':
      return items.map((item, i) => [item, ...args.map((other) => (Array.isArray(other) ? other[i] : undefined))]);
    case 'uniq':
      return uniq(items, block ? (v) => block.call([v]) : undefined);
    case 'tally': {
      const counts: RHash = new Map();
      for (const item of items) counts.set(item, ((counts.get(item) as number) ?? 0) + 1);
      return counts;
    }
    default:
      return NO_METHOD;
  }
}

export function arrayMethod(rt: RubyRuntime, list: RValue[], name: string, args: RValue[], block: RBlock | undefined): Result {
  switch (name) {
    case 'each':
    case 'each_with_index':
    case 'each_index':
    case 'reverse_each':
      if (!block) return name === 'each' ? [...list] : enumerable(rt, list, name, args, block, false);
      enumerable(rt, list, name, args, block, false);
      return list;
    case 'length':
    case 'size':
      return list.length;
    case 'empty?':
      return list.length === 0;
    case 'any?':
      if (!block && !args.length) return list.some(isTruthy);
      break;
    case 'join': {
      const sep = args.length && args[0] !== undefined ? toS(args[0]) : '';
      const joinAll = (items: RValue[]): string => items.map((i) => (Array.isArray(i) ? joinAll(i) : toS(i))).join(sep);
      return joinAll(list);
    }
    case 'to_s':
    case 'inspect':
      return inspect(list);
    case 'to_a':
    case 'to_ary':
    case 'entries':
    case 'dup':
    case 'clone':
      return name === 'dup' || name === 'clone' ? [...list] : list;
    case 'first':
    case 'last':
      if (!args.length) return name === 'first' ? list[0] : list[list.length - 1];
      return name === 'first' ? list.slice(0, numberOf(args[0])) : list.slice(Math.max(0, list.length - numberOf(args[0])));
    case 'flatten':
      return flatten(list, args.length ? numberOf(args[0]) : -1);
    case 'compact':
      return list.filter((v) => v !== undefined);
    case 'reverse':
      return [...list].reverse();
    case 'rotate': {
      if (!list.length) return [];
      const n = ((args.length ? numberOf(args[0]) : 1) % list.length + list.length) % list.length;
      return [...list.slice(n), ...list.slice(0, n)];
    }
    case 'push':
    case 'append':
    case '<<':
      list.push(...args);
      return list;
    case 'unshift':
    case 'prepend':
      list.unshift(...args);
      return list;
    case 'pop':
      return list.pop();
    case 'shift':
      return list.shift();
    case 'concat':
      for (const other of args) list.push(...(other as RValue[]));
      return list;
    case 'delete': {
      let found: RValue;
      for (let i = list.length - 1; i >= 0; i--) {
        if (rubyEquals(list[i], args[0])) {
          found = list[i];
          list.splice(i, 1);
        }
      }
      return found;
    }
    case 'delete_if':
    case 'reject!': {
      const keep = list.filter((item) => !isTruthy(requireBlock(block, name).call([item])));
      list.splice(0, list.length, ...keep);
      return list;
    }
    case 'uniq!':
    case 'compact!':
    case 'flatten!':
    case 'sort!':
    case 'map!': {
      const base = name.slice(0, -1);
      const result = arrayMethod(rt, list, base, args, block) as RValue[];
      list.splice(0, list.length, ...result);
      return list;
    }
    case '+':
      if (!Array.isArray(args[0])) throw new RubyError(`no implicit conversion of ${className(args[0])} into Array`);
      return [...list, ...args[0]];
    case '-':
      return list.filter((item) => !includes(args[0] as RValue[], item));
    case '&':
      return uniq(list.filter((item) => includes(args[0] as RValue[], item)));
    case '|':
      return uniq([...list, ...(args[0] as RValue[])]);
    case '*':
      if (typeof args[0] === 'string') return arrayMethod(rt, list, 'join', args, undefined);
      return Array.from({ length: numberOf(args[0]) }, () => list).flat();
    case '[]':
    case 'slice':
      return arrayIndex(list, args);
    case '[]=': {
      const i = numberOf(args[0]);
      list[i < 0 ? i + list.length : i] = args[1];
      return args[1];
    }
    case 'at':
      return arrayIndex(list, [args[0]]);
    case 'fetch': {
      const i = numberOf(args[0]);
      const at = i < 0 ? i + list.length : i;
      if (at >= 0 && at < list.length) return list[at];
      if (block) return block.call([args[0]]);
      if (args.length > 1) return args[1];
      throw new RubyError(`index ${i} outside of array bounds: ${-list.length}...${list.length}`);
    }
    case 'dig': {
      let current: RValue = list;
      for (const key of args) {
        if (current === undefined) return undefined;
        current = Array.isArray(current) ? arrayIndex(current, [key]) : current instanceof Map ? current.get(key) : undefined;
      }
      return current;
    }
    case 'values_at':
      return args.map((i) => arrayIndex(list, [i]));
    case 'transpose':
      return list.length ? (list[0] as RValue[]).map((_, i) => list.map((row) => (row as RValue[])[i])) : [];
    case 'sample':
    case 'shuffle':
      throw new RubyError(`'${name}' gives a random result; not supported in templates`);
    case 'pack':
      return NO_METHOD;
  }
  return enumerable(rt, list, name, args, block, false);
}

function arrayIndex(list: RValue[], args: RValue[]): RValue {
  const [first, second] = args;
  if (first instanceof RRange) {
    let from = numberOf(first.from);
    if (from < 0) from += list.length;
    if (from < 0 || from > list.length) return undefined;
    let to = first.to === undefined ? list.length - 1 : numberOf(first.to);
    if (to < 0) to += list.length;
    if (first.exclusive) to -= 1;
    return list.slice(from, to + 1);
  }
  if (!isNumeric(first)) throw new RubyError(`no implicit conversion of ${className(first)} into Integer`);
  let at = Math.trunc(numberOf(first));
  if (at < 0) at += list.length;
  if (second !== undefined) {
    if (at < 0 || at > list.length) return undefined;
    return list.slice(at, at + numberOf(second));
  }
  return at < 0 ? undefined : list[at];
}

export function hashMethod(rt: RubyRuntime, hash: RHash, name: string, args: RValue[], block: RBlock | undefined): Result {
  const pairs = (): RValue[] => [...hash].map(([k, v]) => [k, v]);
  switch (name) {
    case '[]':
      return hash.get(args[0]);
    case '[]=':
    case 'store':
      hash.set(args[0], args[1]);
      return args[1];
    case 'fetch':
      if (hash.has(args[0])) return hash.get(args[0]);
      if (block) return block.call([args[0]]);
      if (args.length > 1) return args[1];
      throw new RubyError(`key not found: ${inspect(args[0])}`);
    case 'dig': {
      let current: RValue = hash;
      for (const key of args) {
        if (current === undefined) return undefined;
        if (current instanceof Map) current = current.get(key);
        else if (Array.isArray(current)) current = arrayIndex(current, [key]);
        else throw new RubyError(`${className(current)} does not have #dig method`);
      }
      return current;
    }
    case 'key?':
    case 'has_key?':
    case 'include?':
    case 'member?':
      return hash.has(args[0]);
    case 'value?':
    case 'has_value?':
      return [...hash.values()].some((v) => rubyEquals(v, args[0]));
    case 'key':
      return [...hash].find(([, v]) => rubyEquals(v, args[0]))?.[0];
    case 'keys':
      return [...hash.keys()];
    case 'values':
      return [...hash.values()];
    case 'values_at':
      return args.map((k) => hash.get(k));
    case 'slice':
      return new Map([...hash].filter(([k]) => args.some((a) => rubyEquals(a, k))));
    case 'except':
      return new Map([...hash].filter(([k]) => !args.some((a) => rubyEquals(a, k))));
    case 'length':
    case 'size':
      return hash.size;
    case 'count':
      if (!block && !args.length) return hash.size;
      break;
    case 'empty?':
      return hash.size === 0;
    case 'any?':
      if (!block) return hash.size > 0;
      break;
    case 'each':
    case 'each_pair':
      // Without a block: the pairs an Enumerator would yield (`.each_pair.map`), as Array#each does.
      if (!block) return pairs();
      for (const pair of pairs()) block.call([pair]);
      return hash;
    case 'each_with_index':
      if (!block) return enumerable(rt, pairs(), name, args, block, false);
      enumerable(rt, pairs(), name, args, block, false);
      return hash;
    case 'each_key':
      for (const k of [...hash.keys()]) requireBlock(block, name).call([k]);
      return hash;
    case 'each_value':
      for (const v of [...hash.values()]) requireBlock(block, name).call([v]);
      return hash;
    case 'merge':
    case 'update':
    case 'merge!': {
      const target: RHash = name === 'merge' ? new Map(hash) : hash;
      for (const other of args) {
        if (!(other instanceof Map)) throw new RubyError(`no implicit conversion of ${className(other)} into Hash`);
        for (const [k, v] of other) target.set(k, block && target.has(k) ? block.call([k, target.get(k), v]) : v);
      }
      return target;
    }
    case 'delete': {
      const value = hash.get(args[0]);
      hash.delete(args[0]);
      return value;
    }
    case 'delete_if':
    case 'reject!':
    case 'select!':
    case 'keep_if': {
      const keep = name === 'select!' || name === 'keep_if';
      for (const [k, v] of [...hash]) if (isTruthy(requireBlock(block, name).call([[k, v]])) !== keep) hash.delete(k);
      return hash;
    }
    case 'invert':
      return new Map([...hash].map(([k, v]) => [v, k]));
    case 'transform_values':
      return new Map([...hash].map(([k, v]) => [k, requireBlock(block, name).call([v])]));
    case 'transform_keys':
      return new Map([...hash].map(([k, v]) => [requireBlock(block, name).call([k]), v]));
    case 'compact':
      return new Map([...hash].filter(([, v]) => v !== undefined));
    case 'to_h':
      if (!block) return hash;
      break;
    case 'to_hash':
    case 'dup':
    case 'clone':
      return name === 'to_hash' ? hash : new Map(hash);
    case 'to_s':
    case 'inspect':
      return inspect(hash);
    case 'sort':
      return sortWith(pairs(), block);
    case 'first':
      return args.length ? pairs().slice(0, numberOf(args[0])) : pairs()[0];
    case 'flatten':
      return flatten(pairs(), args.length ? numberOf(args[0]) : 1);
  }
  return enumerable(rt, pairs(), name, args, block, true);
}

export function rangeMethod(rt: RubyRuntime, range: RRange, name: string, args: RValue[], block: RBlock | undefined): Result {
  switch (name) {
    case 'first':
    case 'begin':
    case 'min':
      if (!args.length) return range.from;
      break;
    case 'last':
    case 'end':
      if (!args.length) return range.to;
      break;
    case 'include?':
    case 'member?':
    case 'cover?':
    case '===': {
      const v = args[0];
      const low = rubyCompare(range.from, v);
      const high = rubyCompare(v, range.to);
      return low !== undefined && high !== undefined && low <= 0 && (range.exclusive ? high < 0 : high <= 0);
    }
    case 'to_s':
    case 'inspect':
      return name === 'to_s' ? toS(range) : `${inspect(range.from)}${range.exclusive ? '...' : '..'}${inspect(range.to)}`;
    case 'each':
      enumerable(rt, rangeToArray(range), name, args, block, false);
      return range;
    case 'size':
    case 'count':
      if (!block && !args.length) return rangeToArray(range).length;
      break;
    case 'step': {
      const items = rangeToArray(range).filter((_, i) => i % numberOf(args[0]) === 0);
      if (!block) return items;
      for (const item of items) block.call([item]);
      return range;
    }
  }
  const items = rangeToArray(range);
  if (name === 'to_a' || name === 'to_ary' || name === 'entries') return items;
  return arrayMethod(rt, items, name, args, block);
}
