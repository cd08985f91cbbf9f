// The access operator `[]`: string/array slices, hash keys, resource and class references
// (`File['/x']`, `Class['foo']`, `Resource[file, '/x']`) and data type parameters (`Integer[1, 10]`).

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { AccessExpression } from '../ast.js';
import type { Scope } from '../scope.js';
import { generalize, parameterizeType, typeOf } from '../types/index.js';
import { formatValue } from '../value-format.js';
import { DEFAULT, PFloat, PType, type Value } from '../values.js';
import { findKey, valueLabel, withArticle } from './comparison.js';
import { placeOf } from './call.js';
import type { Evaluator } from './evaluator.js';
import { unfoldValue } from './literals.js';
import { refString, refTarget } from './resource-ref.js';

export function evaluateAccess(node: AccessExpression, scope: Scope, ev: Evaluator): Value {
  const keys: Value[] = [];
  const keyLocs: SourceLocation[] = [];
  for (const key of node.keys) {
    const values = key.kind === 'Unfold' ? unfoldValue(ev.evaluate(key.operand, scope)) : [ev.evaluate(key, scope)];
    for (const value of values) {
      keys.push(value);
      keyLocs.push(placeOf(key));
    }
  }
  if (node.target.kind === 'TypeReference') return ev.resolveType(node.target.name, keys, node.loc);
  return accessValue(ev.evaluate(node.target, scope), keys, { whole: node.loc, target: placeOf(node.target), keys: keyLocs }, ev);
}

/** Where Puppet blames access errors: the whole expression, its left side, or one key. */
interface AccessPlaces {
  whole: SourceLocation;
  target: SourceLocation;
  keys: SourceLocation[];
}

const labelWithArticle = (value: Value): string => withArticle(valueLabel(value));

/** The type name Puppet shows for a bad key (Undef, Default, else the generalized type). */
function keyTypeName(value: Value): string {
  if (value === undefined) return 'Undef';
  if (value === DEFAULT) return 'Default';
  return String(generalize(typeOf(value)));
}

/** Puppet's Utils.to_n: numbers, and strings holding integers or floats. */
function toNumber(value: Value): number | PFloat | undefined {
  if (typeof value === 'number' || value instanceof PFloat) return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[+-]?(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.test(text)) {
    const body = text.replace(/^[+-]/, '');
    const parsed = /^0x/i.test(body) ? parseInt(body, 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
    return text.startsWith('-') ? -parsed : parsed;
  }
  if (/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return new PFloat(Number(text));
  return undefined;
}

/** `[i]` or `[start, count]` (negative start counts from the end, negative count up to the end). */
function slice<T>(items: T[] | string, indexes: number[]): { single?: T | string; many?: T[] | string } {
  const length = items.length;
  let start = indexes[0]!;
  if (start < 0) start += length;
  if (indexes.length === 1) return { single: start >= 0 && start < length ? items[start] : undefined };
  let count = indexes[1]!;
  if (start < 0) {
    count += start;
    start = 0;
  }
  const end = count < 0 ? length + count + 1 : start + count;
  return { many: items.slice(start, Math.max(start, end)) as T[] | string };
}

function stringIndexes(keys: Value[], places: AccessPlaces): number[] {
  if (keys.length === 0 || keys.length > 2) throw new PapplyError(`String supports [] with one or two arguments. Got ${keys.length}`, places.target);
  return keys.map((key, i) => {
    const n = toNumber(key);
    if (typeof n === 'number' && Number.isInteger(n)) return n;
    const actual = keyTypeName(n ?? key);
    throw new PapplyError(`A substring operation does not accept ${/^[AEIOU]/.test(actual) ? 'an' : 'a'} ${actual} as a character index. Expected an Integer`, places.keys[i] ?? places.whole);
  });
}

function arrayIndexes(target: Value[], keys: Value[], places: AccessPlaces): number[] {
  if (keys.length === 0 || keys.length > 2) throw new PapplyError(`Array supports [] with one or two arguments. Got ${keys.length}`, places.target);
  return keys.map((key, i) => {
    const where = places.keys[i] ?? places.whole;
    const n = toNumber(key);
    if (n === undefined) throw new PapplyError(`The value '${formatValue(key)}' cannot be converted to Numeric.`, where);
    if (typeof n === 'number' && Number.isInteger(n)) return n;
    throw new PapplyError(`${labelWithArticle(target).replace(/^a/, 'A')}[] cannot use ${keyTypeName(n)} where Integer is expected`, where);
  });
}

export function accessValue(target: Value, keys: Value[], places: AccessPlaces, ev: Evaluator): Value {
  if (typeof target === 'string') {
    const { single, many } = slice(target, stringIndexes(keys, places));
    return keys.length === 1 ? ((single as string | undefined) ?? '') : (many as string);
  }
  if (Array.isArray(target)) {
    const { single, many } = slice(target, arrayIndexes(target, keys, places));
    return keys.length === 1 ? (single as Value) : (many as Value[]);
  }
  if (target instanceof Map) {
    if (keys.length === 0) throw new PapplyError('Hash supports [] with one or more arguments. Got 0', places.target);
    const lookup = (key: Value): Value => {
      const found = findKey(target, key);
      return typeof found === 'symbol' ? undefined : target.get(found);
    };
    if (keys.length === 1) return lookup(keys[0]);
    return keys.map(lookup).filter((v) => v !== undefined);
  }
  const ref = refTarget(target);
  if (ref) {
    // `File['/x']['mode']`: a parameter of a declared resource.
    const resource = ev.builder.find(ref.type, ref.title);
    if (!resource) throw new PapplyError(`Resource not found: ${refString(ref)}`, places.whole);
    return resource.get(formatValue(keys[0]));
  }
  if (target instanceof PType) {
    const result = parameterizeType(target, keys, places.whole);
    return Array.isArray(result) ? (result as Value[]) : result;
  }
  throw new PapplyError(`Operator '[]' is not applicable to ${labelWithArticle(target)}.`, places.target);
}
