// The access operator `[]`: string/array slices, hash keys, resource and class references
// (`File['/x']`, `Class['foo']`, `Resource[file, '/x']`) and data type parameters (`Integer[1, 10]`).

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { AccessExpression } from '../ast.js';
import { flattenValues } from '../catalog-builder.js';
import type { Scope } from '../scope.js';
import { parameterizeType } from '../types/index.js';
import { formatValue } from '../value-format.js';
import { PFloat, PType, type Value } from '../values.js';
import { findKey } from './comparison.js';
import type { Evaluator } from './evaluator.js';
import { unfoldValue } from './literals.js';
import { refString, refTarget } from './resource-ref.js';

export function evaluateAccess(node: AccessExpression, scope: Scope, ev: Evaluator): Value {
  const keys = node.keys.flatMap((key) => (key.kind === 'Unfold' ? unfoldValue(ev.evaluate(key.operand, scope)) : [ev.evaluate(key, scope)]));
  if (node.target.kind === 'TypeReference') return ev.resolveType(node.target.name, keys, node.loc);
  return accessValue(ev.evaluate(node.target, scope), keys, node.loc, ev);
}

function index(value: Value, loc: SourceLocation): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (value instanceof PFloat) return value.value;
  throw new PapplyError(`The index operand must be an Integer, got ${formatValue(value)}`, loc);
}

/** `[i]` or `[start, count]` (negative start counts from the end, negative count up to the end). */
function slice<T>(items: T[] | string, keys: Value[], loc: SourceLocation): { single?: T | string; many?: T[] | string } {
  const length = items.length;
  let start = index(keys[0], loc);
  if (start < 0) start += length;
  if (keys.length === 1) return { single: start >= 0 && start < length ? items[start] : undefined };
  let count = index(keys[1], loc);
  if (start < 0) {
    count += start;
    start = 0;
  }
  const end = count < 0 ? length + count + 1 : start + count;
  return { many: items.slice(start, Math.max(start, end)) as T[] | string };
}

export function accessValue(target: Value, keys: Value[], loc: SourceLocation, ev: Evaluator): Value {
  if (typeof target === 'string') {
    const { single, many } = slice(target, keys, loc);
    return keys.length === 1 ? ((single as string | undefined) ?? '') : (many as string);
  }
  if (Array.isArray(target)) {
    const { single, many } = slice(target, keys, loc);
    return keys.length === 1 ? (single as Value) : (many as Value[]);
  }
  if (target instanceof Map) {
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
    if (!resource) throw new PapplyError(`Resource not found: ${refString(ref)}`, loc);
    return resource.get(formatValue(keys[0]));
  }
  if (target instanceof PType) {
    const result = parameterizeType(target, keys, loc);
    return Array.isArray(result) ? (result as Value[]) : result;
  }
  throw new PapplyError(`Operator '[]' is not applicable to ${target === undefined ? 'an Undef Value' : `a ${typeof target}`}.`, loc);
}
