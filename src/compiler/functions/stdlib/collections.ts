// stdlib functions over arrays and hashes: merge, concat, member, has_key, delete,
// delete_undef_values, delete_values, dig44, suffix, prefix, values_at, count,
// join_keys_to_values, any2array, size, fqdn_rotate.

import { fromPuppet, toS } from '../../templates/ruby-values.js';
import { isHash, type PHash, type Value } from '../../values.js';
import { valuesEqual } from '../../hiera/values.js';
import { fqdnSeed, rubyRandom } from './ruby-random.js';
import { arity, asLegacyArgs, fail, register, registerUnlessCore, rubyClass } from './support.js';

const rubyToS = (value: Value): string => toS(fromPuppet(value));

// merge(h1, h2, ...): later hashes win; undef and '' arguments are skipped.
register('merge', (ctx, args) => {
  if (args.length < 2) fail(ctx, `merge(): wrong number of arguments (${args.length}; must be at least 2)`);
  const result: PHash = new Map();
  for (const arg of args) {
    if (arg === undefined || arg === '') continue;
    if (!isHash(arg)) fail(ctx, `merge: unexpected argument type ${rubyClass(arg)}, only expects hash arguments`);
    for (const [k, v] of arg) result.set(k, v);
  }
  return result;
});

// concat(array, *values): a new array with the values (arrays spread one level) appended.
register('concat', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length < 2) fail(ctx, `concat(): Wrong number of arguments given (${args.length} for 2+)`);
  const [first, ...rest] = args;
  if (!Array.isArray(first)) fail(ctx, 'concat(): Requires array to work with');
  const result = [...first];
  for (const item of rest) {
    if (Array.isArray(item)) result.push(...item);
    else result.push(item);
  }
  return result;
});

// member(array, item_or_items): whether the array holds the item (or every item of an array).
register('member', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  arity(ctx, 'member', args, 2);
  const [array, item] = args;
  if (!Array.isArray(array)) fail(ctx, 'member(): Requires array to work with');
  if (!(typeof item === 'string' || typeof item === 'number' || Array.isArray(item))) fail(ctx, 'member(): Wrong argument type given');
  const wanted = Array.isArray(item) ? item : [item];
  return wanted.every((w) => array.some((a) => valuesEqual(a, w)));
});

register('has_key', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length !== 2) fail(ctx, `has_key(): wrong number of arguments (${args.length}; must be 2)`);
  const [hash, key] = args;
  if (!isHash(hash)) fail(ctx, `has_key(): expects the first argument to be a hash, got ${rubyToS(hash) === '' ? '""' : rubyToS(hash)} which is of type ${rubyClass(hash)}`);
  return hash.has(key);
});

// delete(collection, item_or_items): without the items (array elements, hash keys, substrings).
register('delete', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length !== 2) fail(ctx, `delete(): Wrong number of arguments given ${args.length} for 2`);
  const [collection, items] = args;
  const remove = Array.isArray(items) ? items : [items];
  if (Array.isArray(collection)) return collection.filter((v) => !remove.some((r) => valuesEqual(r, v)));
  if (isHash(collection)) return new Map([...collection].filter(([k]) => !remove.some((r) => valuesEqual(r, k))));
  if (typeof collection === 'string') return remove.reduce<string>((s, r) => s.split(String(r)).join(''), collection);
  return fail(ctx, `delete(): First argument must be an Array, String, or Hash. Given an argument of class ${rubyClass(collection)}.`);
});

register('delete_undef_values', (ctx, args) => {
  arity(ctx, 'delete_undef_values', args, 1);
  const [collection] = args;
  if (Array.isArray(collection)) return collection.filter((v) => v !== undefined);
  if (isHash(collection)) return new Map([...collection].filter(([, v]) => v !== undefined));
  return fail(ctx, 'delete_undef_values(): expected an array or hash, got ' + rubyClass(collection));
});

register('delete_values', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length !== 2) fail(ctx, `delete_values(): Wrong number of arguments given (${args.length} of 2)`);
  const [hash, value] = args;
  if (!isHash(hash)) fail(ctx, `delete_values(): First argument must be a Hash. Given an argument of class ${rubyClass(hash)}.`);
  return new Map([...hash].filter(([, v]) => !valuesEqual(v, value)));
});

// dig44(data, path, default): digs through hashes and arrays; the default when a step is missing.
register('dig44', (ctx, args) => {
  if (args.length < 2 || args.length > 3) fail(ctx, `dig44(): Wrong number of arguments given (${args.length} for 2..3)`);
  const [data, path, fallback] = args;
  if (!(Array.isArray(data) || isHash(data))) fail(ctx, `dig44(): The data structure is not an Array or Hash! (${rubyClass(data)})`);
  if (!Array.isArray(path)) fail(ctx, 'dig44(): The path is not an Array!');
  let current: Value = data;
  for (const key of path) {
    if (isHash(current)) current = current.get(key);
    else if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else return fallback;
    if (current === undefined) return fallback;
  }
  return current;
});

function affix(name: 'prefix' | 'suffix'): void {
  register(name, (ctx, rawArgs) => {
    const args = asLegacyArgs(rawArgs);
    if (args.length < 1 || args.length > 2) fail(ctx, `${name}(): Wrong number of arguments given (${args.length} for 1 or 2)`);
    const [collection, text] = args;
    if (!Array.isArray(collection) && !isHash(collection)) fail(ctx, `${name}(): expected first argument to be an Array or a Hash, got ${rubyToS(collection)}`);
    if (text !== undefined && text !== '' && typeof text !== 'string') fail(ctx, `${name}(): expected second argument to be a String, got ${rubyToS(text)}`);
    const add = (v: Value): string => (name === 'prefix' ? `${text ?? ''}${rubyToS(v)}` : `${rubyToS(v)}${text ?? ''}`);
    if (Array.isArray(collection)) return text ? collection.map(add) : collection;
    return text ? new Map([...collection].map(([k, v]) => [add(k), v])) : collection;
  });
}
affix('prefix');
affix('suffix');

register('values_at', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  arity(ctx, 'values_at', args, 2);
  const [array, indices] = args;
  if (!Array.isArray(array)) fail(ctx, 'values_at(): Requires array to work with');
  const result: Value[] = [];
  for (const spec of Array.isArray(indices) ? indices : [indices]) {
    const range = typeof spec === 'string' ? /^(\d+)(\.\.\.?)(\d+)$/.exec(spec) : null;
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[3]) - (range[2] === '...' ? 1 : 0);
      if (from > to) fail(ctx, 'values_at(): Stop index in given indices range is smaller than the start index');
      if (to >= array.length) fail(ctx, 'values_at(): Stop index in given indices range exceeds array size');
      for (let i = from; i <= to; i++) result.push(array[i]);
    } else {
      const index = Number(spec);
      if (!/^\d+$/.test(String(spec))) fail(ctx, 'values_at(): Unknown format of given index');
      if (index >= array.length) fail(ctx, 'values_at(): Given index exceeds array size');
      result.push(array[index]);
    }
  }
  return result;
});

// count(collection, [item]): non-empty, non-undef elements, or those equal to item.
register('count', (ctx, args) => {
  if (args.length < 1 || args.length > 2) fail(ctx, `count(): Wrong number of arguments given ${args.length} for 1 or 2.`);
  const [collection, item] = args;
  const items = Array.isArray(collection) ? collection : isHash(collection) ? [...collection.values()] : fail(ctx, 'count(): Wrong argument type given');
  if (args.length === 2) return items.filter((v) => valuesEqual(v, item)).length;
  return items.filter((v) => v !== undefined && v !== '').length;
});

register('join_keys_to_values', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length !== 2) fail(ctx, `join_keys_to_values(): Takes exactly two arguments, but ${args.length} given.`);
  const [hash, separator] = args;
  if (!isHash(hash)) fail(ctx, 'join_keys_to_values(): The first argument must be a hash, but a ' + rubyClass(hash) + ' was given.');
  if (typeof separator !== 'string') fail(ctx, 'join_keys_to_values(): The second argument must be a string, but a ' + rubyClass(separator) + ' was given.');
  return [...hash].flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${rubyToS(k)}${separator}${rubyToS(x)}`) : [`${rubyToS(k)}${separator}${rubyToS(v)}`]));
});

// any2array: an array stays, a hash becomes [k1, v1, k2, v2 ...], anything else is wrapped.
register('any2array', (_ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length === 0) return [];
  if (args.length > 1) return args;
  const [value] = args;
  if (Array.isArray(value)) return value;
  if (isHash(value)) return [...value].flatMap(([k, v]) => [k, v]);
  return [value];
});

registerUnlessCore('size', (ctx, args) => {
  arity(ctx, 'size', args, 1);
  const [value] = args;
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isHash(value)) return value.size;
  return fail(ctx, `size(): Unknown type given: ${rubyClass(value)}`);
});

// fqdn_rotate(array_or_string, *seeds): rotated by Random.new(MD5("fqdn:seeds").hex).rand(size).
register('fqdn_rotate', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length < 1) fail(ctx, `fqdn_rotate(): Wrong number of arguments given (${args.length} for 1)`);
  const [value, ...seeds] = args;
  if (!Array.isArray(value) && typeof value !== 'string') fail(ctx, 'fqdn_rotate(): Requires either array or string to work with');
  const items: Value[] = typeof value === 'string' ? [...value] : [...value];
  if (items.length <= 1) return value;
  const fqdn = rubyToS(ctx.lookupVariable('::fqdn'));
  const offset = rubyRandom(fqdnSeed(fqdn, seeds.map(rubyToS)), items.length);
  const rotated = [...items.slice(offset), ...items.slice(0, offset)];
  return typeof value === 'string' ? rotated.join('') : rotated;
});

function arraysOnly(ctx: Parameters<typeof fail>[0], name: string, args: Value[], message: string): Value[][] {
  if (!args.every(Array.isArray)) fail(ctx, `${name}(): ${message}`);
  return args as Value[][];
}

function uniqueValues(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.some((o) => valuesEqual(o, v))) out.push(v);
  return out;
}

register('union', (ctx, args) => {
  if (args.length < 2) fail(ctx, `union(): Wrong number of arguments given (${args.length} for < 2)`);
  return uniqueValues(arraysOnly(ctx, 'union', args, 'Every parameter must be an array').flat());
});

register('intersection', (ctx, args) => {
  arity(ctx, 'intersection', args, 2);
  const [a, b] = arraysOnly(ctx, 'intersection', args, 'Requires 2 arrays');
  return uniqueValues(a.filter((x) => b.some((y) => valuesEqual(x, y))));
});

register('difference', (ctx, args) => {
  arity(ctx, 'difference', args, 2);
  const [a, b] = arraysOnly(ctx, 'difference', args, 'Requires 2 arrays');
  return a.filter((x) => !b.some((y) => valuesEqual(x, y)));
});

// deep_merge(h1, h2, ...): nested hashes merge recursively, anything else from the later hash wins.
register('deep_merge', (ctx, args) => {
  if (args.length < 2) fail(ctx, `deep_merge(): wrong number of arguments (${args.length}; must be at least 2)`);
  const mergeInto = (target: PHash, source: PHash): PHash => {
    const result: PHash = new Map(target);
    for (const [k, v] of source) {
      const existing = result.get(k);
      result.set(k, isHash(existing) && isHash(v) ? mergeInto(existing, v) : v);
    }
    return result;
  };
  let result: PHash = new Map();
  for (const arg of args) {
    if (arg === undefined || arg === '') continue;
    if (!isHash(arg)) fail(ctx, `deep_merge: unexpected argument type ${rubyClass(arg)}, only expects hash arguments`);
    result = mergeInto(result, arg);
  }
  return result;
});

// zip(a, b, [flatten]): Ruby's Array#zip.
register('zip', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  arity(ctx, 'zip', args, 2, 3);
  const [a, b, flat] = args;
  if (!Array.isArray(a) || !Array.isArray(b)) fail(ctx, 'zip(): Requires array to work with');
  const zipped: Value[] = a.map((x, i) => [x, b[i]]);
  return flat === true || flat === 'true' ? zipped.flat() : zipped;
});

// hash([k1, v1, k2, v2]): pairs of a flat array as a hash.
register('hash', (ctx, args) => {
  arity(ctx, 'hash', args, 1);
  const [list] = args;
  if (!Array.isArray(list)) fail(ctx, 'hash(): Requires array to work with');
  const flat = list.flat(Infinity as 1);
  if (flat.length % 2 !== 0) fail(ctx, 'hash(): Unable to compute hash from array given');
  const result: PHash = new Map();
  for (let i = 0; i < flat.length; i += 2) result.set(flat[i], flat[i + 1]);
  return result;
});

register('delete_at', (ctx, args) => {
  arity(ctx, 'delete_at', args, 2);
  const [list, index] = args;
  if (!Array.isArray(list)) fail(ctx, 'delete_at(): Requires array to work with');
  const at = Number(index);
  if (!Number.isInteger(at)) fail(ctx, 'delete_at(): You must provide non-negative numeric index');
  if (at >= list.length) fail(ctx, 'delete_at(): Given index exceeds size of array given');
  return list.filter((_, i) => i !== at);
});

// grep(array, regexp_string): the elements matching.
register('grep', (ctx, args) => {
  arity(ctx, 'grep', args, 2);
  const [list, pattern] = args;
  if (!Array.isArray(list)) fail(ctx, 'grep(): Requires array to work with');
  const re = new RegExp(String(pattern));
  return list.filter((v) => re.test(rubyToS(v)));
});

