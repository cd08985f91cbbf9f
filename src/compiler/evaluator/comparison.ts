// Comparison (`==` `!=` `<` `>` `<=` `>=`), match (`=~` `!~`) and `in`, with Puppet's rules:
// strings compare case-insensitively, numbers numerically, arrays and hashes deeply.

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { ComparisonExpression, InExpression, MatchExpression } from '../ast.js';
import type { Scope } from '../scope.js';
import { PDefault, PFloat, PRegexp, PType, type Value } from '../values.js';
import type { Evaluator } from './evaluator.js';
import { aValueLabel } from './value-label.js';
import { compareTypes, typeOf } from '../types/index.js';
import { formatValue, puppetEquals } from '../value-format.js';

function numeric(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof PFloat) return value.value;
  return undefined;
}

const NOT_FOUND = Symbol('not found');

/** A hash key equal to `key` (exact first, then Puppet equality). */
export function findKey(hash: Map<Value, Value>, key: Value): Value | typeof NOT_FOUND {
  if (hash.has(key)) return key;
  if (typeof key !== 'object' || key === null) return NOT_FOUND;
  for (const k of hash.keys()) if (puppetEquals(k, key)) return k;
  return NOT_FOUND;
}

/** Puppet's label for a value in messages, without article ("Integer", "Undef Value", "Integer-Type"). */
export function valueLabel(value: Value): string {
  if (value === undefined) return 'Undef Value';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (value instanceof PFloat) return 'Float';
  if (value instanceof PType) return `${String(value)}-Type`;
  if (typeof value === 'string') return 'String';
  if (Array.isArray(value)) return 'Array';
  if (value instanceof Map) return 'Hash';
  if (value instanceof PRegexp) return 'Regexp';
  return typeOf(value).simpleName;
}

export const withArticle = (label: string): string => `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;

/** Why Puppet's CompareOperator#compare refuses two values. */
function notComparable(a: Value): string {
  if (typeof a === 'string') return 'A String is not comparable to a non String';
  if (numeric(a) !== undefined) return 'A Numeric is not comparable to non Numeric';
  return 'Only Strings, Numbers, Timespans, Timestamps, and Versions are comparable';
}

export function compareValues(a: Value, b: Value, loc: SourceLocation, op = '<'): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  throw new PapplyError(`Comparison of: ${valueLabel(a)} ${op} ${valueLabel(b)}, is not possible. Caused by '${notComparable(a)}'.`, loc);
}

export function evaluateComparison(node: ComparisonExpression, scope: Scope, ev: Evaluator): Value {
  const left = ev.evaluate(node.left, scope);
  const right = ev.evaluate(node.right, scope);
  if (left instanceof PType && right instanceof PType) return compareTypes(node.op, left, right);
  const at = node.opLoc ?? node.loc;
  switch (node.op) {
    case '==':
      return puppetEquals(left, right);
    case '!=':
      return !puppetEquals(left, right);
    case '<':
      return compareValues(left, right, at, node.op) < 0;
    case '>':
      return compareValues(left, right, at, node.op) > 0;
    case '<=':
      return compareValues(left, right, at, node.op) <= 0;
    case '>=':
      return compareValues(left, right, at, node.op) >= 0;
  }
}

/** Matches `value` against a regexp, a pattern string or a type; sets `$0..$n` on success. */
export function matchValue(value: Value, pattern: Value, scope: Scope, loc: SourceLocation): boolean {
  if (pattern instanceof PType) return pattern.isInstance(value);
  let regexp: RegExp;
  if (pattern instanceof PRegexp) regexp = pattern.regexp;
  else if (typeof pattern === 'string') regexp = new PRegexp(pattern).regexp;
  else throw new PapplyError(`Can not convert right match operand to a regular expression. Caused by 'Can not convert ${formatValue(pattern)} to a Regexp'`, loc);
  if (typeof value !== 'string') throw new PapplyError(`Left match operand must result in a String value. Got ${aValueLabel(value)}.`, loc);
  return regexpMatches(regexp, value, scope);
}

function regexpMatches(regexp: RegExp, value: string, scope: Scope): boolean {
  const match = regexp.exec(value);
  if (!match) return false;
  scope.pushMatch([...match]);
  return true;
}

/**
 * Puppet's CompareOperator#match, used by case options, selector entries and `in`: regexps match
 * strings (setting `$0..$n`), types test instances, arrays and hashes match element-wise, `default`
 * matches anything, everything else compares with `==`.
 */
export function patternMatches(subject: Value, pattern: Value, scope: Scope): boolean {
  if (pattern instanceof PRegexp) return typeof subject === 'string' && regexpMatches(pattern.regexp, subject, scope);
  if (pattern instanceof PType) return pattern.isInstance(subject);
  if (pattern instanceof PDefault) return true;
  if (Array.isArray(pattern)) {
    return Array.isArray(subject) && subject.length === pattern.length && pattern.every((p, i) => patternMatches(subject[i], p, scope));
  }
  if (pattern instanceof Map) {
    return subject instanceof Map && [...pattern].every(([key, p]) => patternMatches(subject.get(key), p, scope));
  }
  return puppetEquals(subject, pattern);
}

export function evaluateMatch(node: MatchExpression, scope: Scope, ev: Evaluator): Value {
  const left = ev.evaluate(node.left, scope);
  const right = ev.evaluate(node.right, scope);
  const matched = matchValue(left, right, scope, node.loc);
  return node.op === '=~' ? matched : !matched;
}

/** Puppet's CompareOperator#include?: substring, array element or hash key; a regexp match sets `$0..$n`. */
export function isIn(needle: Value, haystack: Value, scope?: Scope): boolean {
  if (typeof haystack === 'string') {
    if (needle instanceof PRegexp) return scope ? regexpMatches(needle.regexp, haystack, scope) : needle.regexp.test(haystack);
    if (typeof needle === 'number') return puppetEquals(haystack, needle);
    return typeof needle === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());
  }
  if (Array.isArray(haystack)) {
    if (needle instanceof PRegexp) {
      const found = haystack.find((v): v is string => typeof v === 'string' && needle.regexp.test(v));
      return found !== undefined && (scope ? regexpMatches(needle.regexp, found, scope) : true);
    }
    if (needle instanceof PType) return haystack.some((v) => needle.isInstance(v));
    if (typeof needle === 'string' && scope) return haystack.some((v) => patternMatches(needle, v, scope));
    return haystack.some((v) => puppetEquals(needle, v));
  }
  if (haystack instanceof Map) return isIn(needle, [...haystack.keys()], scope);
  return false;
}

export function evaluateIn(node: InExpression, scope: Scope, ev: Evaluator): Value {
  return isIn(ev.evaluate(node.left, scope), ev.evaluate(node.right, scope), scope);
}
