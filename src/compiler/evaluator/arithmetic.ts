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
  throw new PapplyError(`The value '${rubyToS(value)}' cannot be converted to Numeric.`, loc, { cause: op });
}

/** Ruby's `to_s` of the value Puppet names in the message: strings plain, collections as `inspect`. */
function rubyToS(value: Value): string {
  const inspect = (v: Value): string => {
    if (v === undefined) return 'nil';
    if (typeof v === 'string') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(inspect).join(', ')}]`;
    if (v instanceof Map) return `{${[...v].map(([k, x]) => `${inspect(k)}=>${inspect(x)}`).join(', ')}}`;
    return formatValue(v);
  };
  return Array.isArray(value) || value instanceof Map ? inspect(value) : formatValue(value);
}

const MAX_INTEGER = 2n ** 63n - 1n;
const MIN_INTEGER = -(2n ** 63n);

/**
 * An Integer result as Puppet checks it: within 64 bits, else its NUMERIC_OVERFLOW error. Doubles are
 * exact up to 2^53; beyond, the exact result is recomputed with BigInt only to decide and to print it.
 */
function checkedInteger(op: string, result: number, exact: () => bigint, loc: SourceLocation): number {
  if (Number.isSafeInteger(result)) return result;
  const big = exact();
  if (big >= MIN_INTEGER && big <= MAX_INTEGER) return Number(big);
  const magnitude = big < 0n ? -big : big;
  throw new PapplyError(
    `A '${op}' expression resulted in a value outside of Puppet Integer ${big > 0n ? 'max' : 'min'} range, got '${big > 0n ? '+' : '-'}0x${magnitude.toString(16)}'`,
    loc,
  );
}

/** Ruby's Integer#<< (a negative count shifts right, flooring). */
function shiftLeft(a: number, count: number, op: string, loc: SourceLocation): number {
  if (count < 0) return Math.floor(a / 2 ** -count);
  // Past 64 bits any non-zero value overflows: cap the count so the BigInt stays small.
  return checkedInteger(op, a * 2 ** count, () => BigInt(a) << BigInt(Math.min(count, 130)), loc);
}

function numberValue(result: number, isFloat: boolean): Value {
  if (isFloat && Number.isInteger(result)) return new PFloat(result);
  return result === 0 ? 0 : result; // Ruby integers have no -0
}

/** `loc` is the expression's (and its left operand's) place; `rightLoc` the right operand's, where Puppet blames it. */
export function arithmetic(
  op: ArithmeticExpression['op'], left: Value, right: Value, loc: SourceLocation, rightLoc: SourceLocation = loc, opLoc: SourceLocation = loc,
): Value {
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
      } else throw new PapplyError('Can only append Array or Hash to a Hash', opLoc); // Puppet's words and place
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
  if (isFloat && (op === '+' || op === '-' || op === '*' || op === '/')) {
    const result = op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : op === '*' ? a.value * b.value : a.value / b.value;
    if (result === Infinity || result === -Infinity) throw new PapplyError(`The result of the ${op} expression is Infinity`, loc);
  }
  switch (op) {
    case '+':
      return isFloat ? numberValue(a.value + b.value, true) : checkedInteger(op, a.value + b.value, () => BigInt(a.value) + BigInt(b.value), opLoc);
    case '-':
      return isFloat ? numberValue(a.value - b.value, true) : checkedInteger(op, a.value - b.value, () => BigInt(a.value) - BigInt(b.value), opLoc);
    case '*':
      return isFloat ? numberValue(a.value * b.value, true) : numberValue(checkedInteger(op, a.value * b.value, () => BigInt(a.value) * BigInt(b.value), opLoc), false);
    case '/':
      if (b.value === 0) throw new PapplyError('Division by 0', rightLoc);
      return numberValue(isFloat ? a.value / b.value : Math.floor(a.value / b.value), isFloat); // Ruby floors integer division
    case '%':
      if (a.isFloat) throw new PapplyError("Operator '%' is not applicable to a Float.", loc);
      if (b.isFloat) throw new PapplyError("Operator '%' is not applicable to an Integer when right side is a Float.", loc);
      if (b.value === 0) throw new PapplyError('Division by 0', rightLoc);
      return a.value - b.value * Math.floor(a.value / b.value);
    case '<<':
      return shiftLeft(a.value, b.value, op, opLoc);
    case '>>':
      return shiftLeft(a.value, -b.value, op, opLoc);
  }
}

function chunk(values: Value[]): Value[][] {
  const pairs: Value[][] = [];
  for (let i = 0; i < values.length; i += 2) pairs.push([values[i], values[i + 1]]);
  return pairs;
}

export function evaluateArithmetic(node: ArithmeticExpression, scope: Scope, ev: Evaluator): Value {
  return arithmetic(node.op, ev.evaluate(node.left, scope), ev.evaluate(node.right, scope), node.loc, placeOf(node.right), node.opLoc ?? node.loc);
}

export function evaluateNegate(node: NegateExpression, scope: Scope, ev: Evaluator): Value {
  const value = ev.evaluate(node.operand, scope);
  const number = toNumber(value, node.loc, '-');
  // Integers have no negative zero (`-0` is 0); floats keep it, as in Ruby.
  if (!number.isFloat && number.value === 0) return 0;
  return numberValue(-number.value, number.isFloat);
}

