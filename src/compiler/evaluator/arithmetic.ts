// Arithmetic operators: numbers (strings holding numbers convert, as in Puppet), array
// concatenation/removal/append, hash merge/removal; unary minus.

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { ArithmeticExpression, NegateExpression } from '../ast.js';
import type { Scope } from '../scope.js';
import { PFloat, type Value } from '../values.js';
import { placeOf } from './call.js';
import type { Evaluator } from './evaluator.js';
import { formatValue, puppetEquals } from '../value-format.js';

interface PNumber {
  value: number;
  isFloat: boolean;
}

function toNumber(value: Value, loc: SourceLocation, op: string): PNumber {
  if (typeof value === 'number') return { value, isFloat: !Number.isInteger(value) };
  if (value instanceof PFloat) return { value: value.value, isFloat: true };
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    if (/^[+-]?(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.test(text)) {
      const negative = text.startsWith('-');
      const body = text.replace(/^[+-]/, '');
      const parsed = /^0x/i.test(body) ? parseInt(body, 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
      return { value: negative ? -parsed : parsed, isFloat: false };
    }
    if (/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return { value: Number(text), isFloat: true };
  }
  throw new PapplyError(`The value '${formatValue(value)}' cannot be converted to Numeric.`, loc, { cause: op });
}

function numberValue(result: number, isFloat: boolean): Value {
  if (isFloat && Number.isInteger(result)) return new PFloat(result);
  return result === 0 ? 0 : result; // Ruby integers have no -0
}

/** `loc` is the expression's (and its left operand's) place; `rightLoc` the right operand's, where Puppet blames it. */
export function arithmetic(op: ArithmeticExpression['op'], left: Value, right: Value, loc: SourceLocation, rightLoc: SourceLocation = loc): Value {
  if (Array.isArray(left)) {
    switch (op) {
      case '+':
        if (Array.isArray(right)) return [...left, ...right];
        if (right instanceof Map) return [...left, ...[...right].map(([k, v]) => [k, v])];
        return [...left, right];
      case '-': {
        const removed = Array.isArray(right) ? right : right instanceof Map ? [...right].map(([k, v]) => [k, v]) : [right];
        return left.filter((v) => !removed.some((r) => puppetEquals(v, r)));
      }
      case '<<':
        return [...left, right];
      default:
        throw new PapplyError(`Operator '${op}' is not applicable to an Array.`, loc);
    }
  }
  if (left instanceof Map) {
    if (op === '+') {
      const merged = new Map(left);
      if (right instanceof Map) for (const [k, v] of right) merged.set(k, v);
      else if (Array.isArray(right)) {
        const pairs = right.length > 0 && right.every(Array.isArray) ? (right as Value[][]) : chunk(right);
        for (const [k, v] of pairs) merged.set(k, v);
      } else throw new PapplyError(`Operator '+' is not applicable to a Hash and ${formatValue(right)}.`, loc);
      return merged;
    }
    if (op === '-') {
      const keys = right instanceof Map ? [...right.keys()] : Array.isArray(right) ? right : [right];
      const result = new Map<Value, Value>();
      for (const [k, v] of left) if (!keys.some((key) => puppetEquals(key, k))) result.set(k, v);
      return result;
    }
    throw new PapplyError(`Operator '${op}' is not applicable to a Hash.`, loc);
  }
  const a = toNumber(left, loc, op);
  const b = toNumber(right, rightLoc, op);
  const isFloat = a.isFloat || b.isFloat;
  switch (op) {
    case '+':
      return numberValue(a.value + b.value, isFloat);
    case '-':
      return numberValue(a.value - b.value, isFloat);
    case '*':
      return numberValue(a.value * b.value, isFloat);
    case '/':
      if (b.value === 0) throw new PapplyError('Division by 0', rightLoc);
      return numberValue(isFloat ? a.value / b.value : Math.floor(a.value / b.value), isFloat); // Ruby floors integer division
    case '%':
      if (a.isFloat) throw new PapplyError("Operator '%' is not applicable to a Float.", loc);
      if (b.isFloat) throw new PapplyError("Operator '%' is not applicable to an Integer when right side is a Float.", loc);
      if (b.value === 0) throw new PapplyError('Division by 0', rightLoc);
      return a.value - b.value * Math.floor(a.value / b.value);
    case '<<':
      return a.value * 2 ** b.value;
    case '>>':
      return Math.floor(a.value / 2 ** b.value);
  }
}

function chunk(values: Value[]): Value[][] {
  const pairs: Value[][] = [];
  for (let i = 0; i < values.length; i += 2) pairs.push([values[i], values[i + 1]]);
  return pairs;
}

export function evaluateArithmetic(node: ArithmeticExpression, scope: Scope, ev: Evaluator): Value {
  return arithmetic(node.op, ev.evaluate(node.left, scope), ev.evaluate(node.right, scope), node.loc, placeOf(node.right));
}

export function evaluateNegate(node: NegateExpression, scope: Scope, ev: Evaluator): Value {
  const value = ev.evaluate(node.operand, scope);
  const number = toNumber(value, node.loc, '-');
  // Integers have no negative zero (`-0` is 0); floats keep it, as in Ruby.
  if (!number.isFloat && number.value === 0) return 0;
  return numberValue(-number.value, number.isFloat);
}

