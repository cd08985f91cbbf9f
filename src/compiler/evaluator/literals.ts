// Literal expressions: strings (with interpolation), numbers, booleans, undef, default, regexps,
// arrays, hashes, bare words and type references.

import type {
  ArrayLiteral,
  HashLiteral,
  InterpolatedString,
  NumberLiteral,
  QualifiedName,
  RegexLiteral,
  TypeReference,
} from '../ast.js';
import type { Scope } from '../scope.js';
import { PFloat, PRegexp, type PHash, type Value } from '../values.js';
import type { Evaluator } from './evaluator.js';
import { formatValue } from '../value-format.js';
import { checkExternalSyntax } from '../external-syntax.js';

export function evaluateInterpolated(node: InterpolatedString, scope: Scope, ev: Evaluator): Value {
  let text = '';
  for (const part of node.parts) text += part.kind === 'String' ? part.value : formatValue(ev.evaluate(part, scope));
  if (node.syntax) checkExternalSyntax(text, node.syntax);
  return text;
}

export function evaluateNumber(node: NumberLiteral): Value {
  return node.isFloat && Number.isInteger(node.value) ? new PFloat(node.value) : node.value;
}

export function evaluateRegex(node: RegexLiteral): Value {
  return new PRegexp(node.pattern);
}

/** Puppet's `*x`: an array as is, undef as [], a hash as its [key, value] pairs, anything else as [x]. */
export function unfoldValue(value: Value): Value[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return [...value].map(([k, v]) => [k, v]);
  return [value];
}

export function evaluateArray(node: ArrayLiteral, scope: Scope, ev: Evaluator): Value {
  const result: Value[] = [];
  for (const element of node.elements) {
    if (element.kind === 'Unfold') result.push(...unfoldValue(ev.evaluate(element.operand, scope)));
    else result.push(ev.evaluate(element, scope));
  }
  return result;
}

export function evaluateHash(node: HashLiteral, scope: Scope, ev: Evaluator): Value {
  const hash: PHash = new Map();
  for (const entry of node.entries) hash.set(ev.evaluate(entry.key, scope), ev.evaluate(entry.value, scope));
  return hash;
}

/** A bare word is a string (`include foo`, `ensure => running`). */
export function evaluateQualifiedName(node: QualifiedName): Value {
  return node.name;
}

/** `String`, `Integer` (data types), type aliases, or resource types (`File`, `Foo::Bar`). */
export function evaluateTypeReference(node: TypeReference, _scope: Scope, ev: Evaluator): Value {
  return ev.resolveType(node.name, [], node.loc);
}
