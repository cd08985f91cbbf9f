// Conditionals and boolean operators: if/unless/case/selector, `!`, `and`, `or`.

import { PapplyError } from '../../errors.js';
import type { AndExpression, CaseExpression, Expression, IfExpression, NotExpression, OrExpression, SelectorExpression, UnlessExpression } from '../ast.js';
import type { Scope } from '../scope.js';
import { isTruthy, PDefault, PRegexp, PType, type Value } from '../values.js';
import { matchValue } from './comparison.js';
import type { Evaluator } from './evaluator.js';
import { formatValue, puppetEquals } from '../value-format.js';

export function evaluateIf(node: IfExpression, scope: Scope, ev: Evaluator): Value {
  if (isTruthy(ev.evaluate(node.test, scope))) return ev.evaluateBlock(node.then.body, scope);
  if (node.else) return node.else.kind === 'If' ? evaluateIf(node.else, scope, ev) : ev.evaluateBlock(node.else.body, scope);
  return undefined;
}

export function evaluateUnless(node: UnlessExpression, scope: Scope, ev: Evaluator): Value {
  if (!isTruthy(ev.evaluate(node.test, scope))) return ev.evaluateBlock(node.then.body, scope);
  if (node.else) return ev.evaluateBlock(node.else.body, scope);
  return undefined;
}

/** Option values; `*$array` unfolds into several options. */
function optionValues(expressions: Expression[], scope: Scope, ev: Evaluator): Value[] {
  const values: Value[] = [];
  for (const expression of expressions) {
    if (expression.kind === 'Unfold') {
      const unfolded = ev.evaluate(expression.operand, scope);
      values.push(...(Array.isArray(unfolded) ? unfolded : [unfolded]));
    } else values.push(ev.evaluate(expression, scope));
  }
  return values;
}

/** Case/selector matching: regexps match strings (setting `$0..`), types test instances, else `==`. */
function caseMatches(subject: Value, option: Value, scope: Scope, ev: Evaluator, loc: Expression['loc']): boolean {
  if (option instanceof PRegexp) return typeof subject === 'string' && matchValue(subject, option, scope, loc);
  if (option instanceof PType) return option.isInstance(subject);
  if (Array.isArray(option) && Array.isArray(subject)) {
    return option.length === subject.length && option.every((o, i) => caseMatches(subject[i], o, scope, ev, loc));
  }
  return puppetEquals(subject, option);
}

export function evaluateCase(node: CaseExpression, scope: Scope, ev: Evaluator): Value {
  const subject = ev.evaluate(node.subject, scope);
  let fallback: CaseExpression['options'][number] | undefined;
  for (const option of node.options) {
    for (const value of optionValues(option.values, scope, ev)) {
      if (value instanceof PDefault) {
        fallback = option;
        continue;
      }
      if (caseMatches(subject, value, scope, ev, option.loc)) return ev.evaluateBlock(option.body.body, scope);
    }
  }
  return fallback ? ev.evaluateBlock(fallback.body.body, scope) : undefined;
}

export function evaluateSelector(node: SelectorExpression, scope: Scope, ev: Evaluator): Value {
  const subject = ev.evaluate(node.subject, scope);
  let fallback: Expression | undefined;
  for (const entry of node.entries) {
    for (const value of optionValues([entry.match], scope, ev)) {
      if (value instanceof PDefault) {
        fallback ??= entry.value;
        continue;
      }
      if (caseMatches(subject, value, scope, ev, entry.loc)) return ev.evaluate(entry.value, scope);
    }
  }
  if (fallback) return ev.evaluate(fallback, scope);
  throw new PapplyError(`No matching entry for selector parameter with value '${formatValue(subject)}'`, node.loc);
}

export function evaluateNot(node: NotExpression, scope: Scope, ev: Evaluator): Value {
  return !isTruthy(ev.evaluate(node.operand, scope));
}

export function evaluateAnd(node: AndExpression, scope: Scope, ev: Evaluator): Value {
  return isTruthy(ev.evaluate(node.left, scope)) && isTruthy(ev.evaluate(node.right, scope));
}

export function evaluateOr(node: OrExpression, scope: Scope, ev: Evaluator): Value {
  return isTruthy(ev.evaluate(node.left, scope)) || isTruthy(ev.evaluate(node.right, scope));
}
