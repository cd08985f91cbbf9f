// Collection and number functions of Puppet 7's core: keys, values, length/size, empty, flatten,
// unique, sort, dig, min, max, abs.

import { PapplyError } from '../../../errors.js';
import { IntegerType, typeOf } from '../../types/index.js';
import { formatValue } from '../../value-format.js';
import { rubyInspect } from './sprintf.js';
import { PFloat, isArray, isHash, type PHash, type Value } from '../../values.js';
import { registerFunction, type Closure } from '../registry.js';
import { checkArity, checkBlockArity, checkParam, type } from './signature.js';

registerFunction('keys', (_ctx, args) => {
  checkArity('keys', args, 1);
  checkParam('keys', 'hsh', type('Hash'), args[0]);
  return [...(args[0] as PHash).keys()];
});

registerFunction('values', (_ctx, args) => {
  checkArity('values', args, 1);
  checkParam('values', 'hsh', type('Hash'), args[0]);
  return [...(args[0] as PHash).values()];
});

function lengthOf(fn: string, value: Value): number {
  if (typeof value === 'string') return [...value].length;
  if (isArray(value)) return value.length;
  if (isHash(value)) return value.size;
  throw new PapplyError(`'${fn}' parameter 'arg' expects a value of type Collection, String, or Binary, got ${typeOf(value).simpleName}`);
}

for (const name of ['length', 'size']) {
  registerFunction(name, (_ctx, args) => {
    checkArity(name, args, 1);
    return lengthOf(name, args[0]);
  });
}

registerFunction('empty', (_ctx, args) => {
  checkArity('empty', args, 1);
  const [value] = args;
  if (value === undefined) return true;
  if (typeof value === 'number' || value instanceof PFloat) return false;
  return lengthOf('empty', value) === 0;
});

function flattenDeep(values: Value[]): Value[] {
  return values.flatMap((v) => (isArray(v) ? flattenDeep(v) : [v]));
}

registerFunction('flatten', (_ctx, args) => flattenDeep(args));

/** Identity as Ruby's `eql?` sees it: case-sensitive strings, 1 and 1.0 distinct. */
function identityKey(value: Value): string {
  if (value === undefined) return 'u';
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `i${value}` : `f${value}`;
  if (value instanceof PFloat) return `f${value.value}`;
  if (typeof value === 'boolean') return `b${value}`;
  if (isArray(value)) return `a[${value.map(identityKey).join(',')}]`;
  if (isHash(value)) return `h{${[...value].map(([k, v]) => `${identityKey(k)}:${identityKey(v)}`).join(',')}}`;
  return `o${String(value)}`;
}

function uniqueItems(items: Value[], keyOf: (v: Value) => string): Value[] {
  const seen = new Set<string>();
  return items.filter((v) => {
    const key = keyOf(v);
    return !seen.has(key) && seen.add(key);
  });
}

function iterableItems(value: Value): Value[] | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return Array.from({ length: Math.max(0, value) }, (_, i) => i);
  if (value instanceof IntegerType && Number.isFinite(value.from) && Number.isFinite(value.to)) {
    return Array.from({ length: Math.max(0, value.to - value.from + 1) }, (_, i) => value.from + i);
  }
  return undefined;
}

registerFunction('unique', (_ctx, args, block) => {
  checkArity('unique', args, 1);
  const [value] = args;
  const keyOf = (v: Value) => identityKey(block ? block.call([v]) : v);
  // Other Iterables (an Integer n is 0..n-1, Integer[a, b] its range) give their unique elements.
  const iterated = iterableItems(value);
  if (iterated) return uniqueItems(iterated, keyOf);
  if (typeof value === 'string') {
    const seen = new Set<string>();
    return [...value].filter((c) => !seen.has(c) && seen.add(c)).join('');
  }
  if (isArray(value)) return uniqueItems(value, keyOf);
  if (isHash(value)) {
    // Keys grouped by their (unique) value: {'a' => 1, 'b' => 1} -> {['a', 'b'] => [1]}.
    const groups = new Map<string, { keys: Value[]; value: Value }>();
    for (const [k, v] of value) {
      const key = keyOf(v);
      const group = groups.get(key) ?? { keys: [], value: v };
      group.keys.push(k);
      groups.set(key, group);
    }
    const out: PHash = new Map();
    for (const group of groups.values()) out.set(group.keys, [group.value]);
    return out;
  }
  checkParam('unique', 'arg', type('Variant', type('String'), type('Array'), type('Hash')), value);
  return value;
});

/** Puppet's default ordering: numbers numerically, strings by code point; mixed kinds fail. */
function compareValues(a: Value, b: Value): number {
  const x = typeof a === 'number' ? a : a instanceof PFloat ? a.value : undefined;
  const y = typeof b === 'number' ? b : b instanceof PFloat ? b.value : undefined;
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isArray(a) && isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new PapplyError(`comparison of ${typeOf(a).simpleName} with ${typeOf(b).simpleName} failed`);
}

registerFunction('compare', (_ctx, args) => {
  checkArity('compare', args, 2, 3);
  const [a, b, ignoreCase] = args;
  if (typeof a === 'string' && typeof b === 'string' && ignoreCase !== false) return compareValues(a.toLowerCase(), b.toLowerCase());
  const comparable = (v: Value) => typeof v === 'string' || typeof v === 'number' || v instanceof PFloat;
  if (!comparable(a) || !comparable(b) || typeof a === 'string' !== (typeof b === 'string')) {
    throw new PapplyError(`compare(): Can only compare values of the same type, got ${typeOf(a).simpleName} and ${typeOf(b).simpleName}`);
  }
  return compareValues(a, b);
});

function sortWith(values: Value[], block: Closure | undefined): Value[] {
  if (!block) {
    // Fail on mixed kinds up front, naming them in Ruby's order (first element with the odd one).
    for (const v of values.slice(1)) compareValues(values[0], v);
    return [...values].sort(compareValues);
  }
  checkBlockArity('sort', block, 2, 2);
  return [...values].sort((a, b) => Number(block.call([a, b])));
}

registerFunction('sort', (_ctx, args, block) => {
  checkArity('sort', args, 1);
  const [value] = args;
  if (typeof value === 'string') return sortWith([...value], block).join('');
  if (isArray(value)) return sortWith(value, block);
  throw new PapplyError(
    "The function 'sort' was called with arguments it does not accept. It expects one of:\n" +
      '  (String string_value, Callable[2, 2] block?)\n' +
      `    rejected: parameter 'string_value' expects a String value, got ${typeOf(value).simpleName}\n` +
      '  (Array array_value, Callable[2, 2] block?)\n' +
      `    rejected: parameter 'array_value' expects an Array value, got ${typeOf(value).simpleName}`,
  );
});

/** Puppet's dig: navigates hashes and arrays; a non-collection on the way, or a non-Integer array index, is an error. */
export function dig(data: Value, path: Value[]): Value {
  let current: Value = data;
  const walked: Value[] = [];
  for (const key of path) {
    if (current === undefined || key === undefined) return undefined;
    if (!isArray(current) && !isHash(current)) {
      throw new PapplyError(`The given data does not contain a Collection at ${rubyInspect(walked)}, got '${typeOf(current).simpleName}'`);
    }
    walked.push(key);
    if (isArray(current)) {
      if (typeof key !== 'number' || !Number.isInteger(key)) {
        throw new PapplyError(`The given data requires an Integer index at ${rubyInspect(walked)}, got '${typeOf(key).simpleName}'`);
      }
      current = current[key < 0 ? current.length + key : key];
    } else current = current.get(key);
  }
  return current;
}

registerFunction('dig', (_ctx, args) => {
  checkArity('dig', args, 1, Infinity);
  const [data, ...path] = args;
  checkParam('dig', 'data', type('Optional', type('Collection')), data);
  return dig(data, path);
});

/** A number from a Numeric or (deprecated, as Puppet still allows) a numeric String. */
function numericOf(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof PFloat) return value.value;
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|0x[0-9a-fA-F]+)\s*$/.test(value)) return Number(value);
  return undefined;
}

function extreme(fn: 'min' | 'max', given: Value[], block: Closure | undefined): Value {
  // One array argument: its elements are compared.
  const args = given.length === 1 && isArray(given[0]) ? given[0] : given;
  if (args.length === 0) throw new PapplyError(`${fn}(): Wrong number of arguments need at least one`);
  const better = (c: number) => (fn === 'max' ? c > 0 : c < 0);
  let compare: (a: Value, b: Value) => number;
  if (block) compare = (a, b) => Number(block.call([a, b]));
  else if (args.every((a) => numericOf(a) !== undefined)) compare = (a, b) => numericOf(a)! - numericOf(b)!;
  else compare = (a, b) => (formatValue(a) < formatValue(b) ? -1 : formatValue(a) > formatValue(b) ? 1 : 0);
  return args.reduce((best, v) => (better(compare(v, best)) ? v : best));
}

registerFunction('min', (_ctx, args, block) => extreme('min', args, block));
registerFunction('max', (_ctx, args, block) => extreme('max', args, block));

registerFunction('abs', (_ctx, args) => {
  checkArity('abs', args, 1);
  const [value] = args;
  if (value instanceof PFloat) return new PFloat(Math.abs(value.value));
  const n = numericOf(value);
  if (n === undefined) throw new PapplyError('abs(): Requires float or integer to work with - was given non decimal string');
  return Math.abs(n);
});
