// Parameter matching as rspec-puppet's ParameterMatcher does it: scalars are equal when their
// string forms are (3121 matches '3121', true matches 'true'), a RegExp matches the string form,
// arrays and hashes match element by element (a single value matches a one-element array, as
// Puppet flattens those), a function decides for itself. Vitest's asymmetric matchers
// (expect.stringContaining ...) work too. A Sensitive value matches by what it wraps, and
// `sensitive(x)` expects that: the catalog reveals Sensitive parameters and keeps nested ones as
// rich data (`{"__ptype": "Sensitive"}`), so both are seen through.

import type { CatalogValue } from '../compiler/catalog.js';
import { isSensitive, sensitiveContent, type SensitiveValue } from './literal.js';

/** What a `with` entry may hold. */
export type Expected =
  | string
  | number
  | boolean
  | null
  | undefined
  | RegExp
  | ((actual: CatalogValue | undefined) => boolean)
  | { asymmetricMatch(actual: unknown): boolean }
  | SensitiveValue
  | readonly Expected[]
  | { readonly [key: string]: Expected };

function isAsymmetric(value: unknown): value is { asymmetricMatch(actual: unknown): boolean } {
  return typeof value === 'object' && value !== null && typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function';
}

function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

/** The string form a value is compared by (Ruby's `to_s` of the value in the catalog). */
export function stringForm(value: CatalogValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isRichSensitive(value: unknown): value is { __ptype: 'Sensitive'; __pvalue: CatalogValue } {
  return isHash(value) && value.__ptype === 'Sensitive' && '__pvalue' in value;
}

export function matches(expected: Expected, actual: CatalogValue | undefined): boolean {
  if (isSensitive(expected)) return matches(sensitiveContent(expected) as Expected, actual);
  if (isRichSensitive(actual)) return matches(expected, actual.__pvalue);
  if (typeof expected === 'function') return Boolean(expected(actual));
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
  if (expected === null || expected === undefined) return actual === undefined || actual === null;
  if (actual === undefined || actual === null) return false;
  if (expected instanceof RegExp) return new RegExp(expected.source, expected.flags.replace(/[gy]/g, '')).test(stringForm(actual));
  if (Array.isArray(expected)) {
    const list = Array.isArray(actual) ? actual : [actual];
    return list.length === expected.length && expected.every((item, index) => matches(item, list[index]));
  }
  if (isHash(expected)) {
    if (!isHash(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((key) => matches((expected as Record<string, Expected>)[key]!, actual[key]));
  }
  return String(expected) === stringForm(actual);
}

/** A value for a failure message. */
export function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return `<function ${value.name || 'anonymous'}>`;
  if (isAsymmetric(value)) return String(value.toString?.() ?? 'asymmetric matcher');
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (isHash(value)) return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)} => ${show(item)}`).join(', ')}}`;
  if (typeof value === 'string') return value.includes('\n') ? JSON.stringify(value) : `'${value}'`;
  return String(value);
}
