// Value helpers Hiera needs: structural equality, and data-file content as Puppet values.

import { PFloat, isHash, type PHash, type Value } from '../values.js';

export function valuesEqual(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (isHash(a) && isHash(b)) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !valuesEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof PFloat || b instanceof PFloat) return Number(a instanceof PFloat ? a.value : a) === Number(b instanceof PFloat ? b.value : b);
  return a === b;
}

/** Parsed YAML/JSON (maps as Map, null, Date) as Puppet values. */
export function dataToValue(data: unknown): Value {
  if (data === null || data === undefined) return undefined;
  if (Array.isArray(data)) return data.map(dataToValue);
  if (data instanceof Map) {
    const hash: PHash = new Map();
    for (const [k, v] of data) hash.set(dataToValue(k), dataToValue(v));
    return hash;
  }
  if (data instanceof Date) return data.toISOString();
  if (data instanceof PFloat) return data;
  if (typeof data === 'object') {
    const hash: PHash = new Map();
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) hash.set(k, dataToValue(v));
    return hash;
  }
  if (typeof data === 'bigint') return Number(data);
  return data as Value;
}
