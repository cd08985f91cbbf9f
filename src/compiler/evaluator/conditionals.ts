// Conditionals and boolean operators: if/unless/case/selector, `!`, `and`, `or`.

import { PapplyError } from '../../errors.js';
import type { AndExpression, CaseExpression, Expression, IfExpression, NotExpression, OrExpression, SelectorExpression, UnlessExpression } from '../ast.js';
import type { Scope } from '../scope.js';
import { isTruthy, type Value } from '../values.js';
import { patternMatches } from './comparison.js';
import type { Evaluator } from './evaluator.js';
import { unfoldValue } from './literals.js';
import { formatValue } from '../value-format.js';

// if/unless/case/selector forget the matches they made (`$1`...) when they end: Puppet's guarded scope.

export function evaluateIf(node: IfExpression, scope: Scope, ev: Evaluator): Value {
  return scope.guardMatches(() => {
    if (isTruthy(ev.evaluate(node.test, scope))) return ev.evaluateBlock(node.then.body, scope);
    if (node.else) return node.else.kind === 'If' ? evaluateIf(node.else, scope, ev) : ev.evaluateBlock(node.else.body, scope);
    return undefined;
  });
}

export function evaluateUnless(node: UnlessExpression, scope: Scope, ev: Evaluator): Value {
  return scope.guardMatches(() => {
    if (!isTruthy(ev.evaluate(node.test, scope))) return ev.evaluateBlock(node.then.body, scope);
    if (node.else) return ev.evaluateBlock(node.else.body, scope);
    return undefined;
  });
}

/** Whether one option expression (`*$array` unfolds into several) matches, evaluated only when reached. */
function optionMatches(subject: Value, expression: Expression, scope: Scope, ev: Evaluator): boolean {
  if (expression.kind === 'Unfold') {
    return unfoldValue(ev.evaluate(expression.operand, scope)).some((value) => patternMatches(subject, value, scope));
  }
  return patternMatches(subject, ev.evaluate(expression, scope), scope);
}

const isDefaultOption = (expression: Expression): boolean =>
  expression.kind === 'Default' || (expression.kind === 'Parenthesized' && isDefaultOption(expression.expression));

export function evaluateCase(node: CaseExpression, scope: Scope, ev: Evaluator): Value {
  return scope.guardMatches(() => {
    const subject = ev.evaluate(node.subject, scope);
    let fallback: CaseExpression['options'][number] | undefined;
    for (const option of node.options) {
      for (const value of option.values) {
        if (isDefaultOption(value)) {
          fallback = option;
          continue;
        }
        if (optionMatches(subject, value, scope, ev)) return ev.evaluateBlock(option.body.body, scope);
      }
    }
    return fallback ? ev.evaluateBlock(fallback.body.body, scope) : undefined;
  });
}

export function evaluateSelector(node: SelectorExpression, scope: Scope, ev: Evaluator): Value {
  return scope.guardMatches(() => {
    const subject = ev.evaluate(node.subject, scope);
    let fallback: Expression | undefined;
    for (const entry of node.entries) {
      if (isDefaultOption(entry.match)) {
        fallback = entry.value;
        continue;
      }
      if (optionMatches(subject, entry.match, scope, ev)) return ev.evaluate(entry.value, scope);
    }
    if (fallback) return ev.evaluate(fallback, scope);
    throw new PapplyError(`No matching entry for selector parameter with value '${formatValue(subject)}'`, node.loc);
  });
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
