// Argument checking for the core functions with Puppet 7's wording:
//   'split' expects 2 arguments, got 1
//   'join' expects between 1 and 2 arguments, got none
//   'keys' parameter 'hsh' expects a Hash value, got String
//   'each' expects a block / 'each' block expects between 1 and 2 arguments, got 3

import { PapplyError } from '../../../errors.js';
import { resolveType, typeMismatchMessage, type BaseType } from '../../types/index.js';
import type { Value } from '../../values.js';
import type { Closure } from '../registry.js';

/** A core type by its Puppet spelling, e.g. `type('Variant', type('String'), type('Integer'))`. */
export function type(name: string, ...params: Value[]): BaseType {
  return resolveType(name, params) as BaseType;
}

function countText(n: number, zero: string): string {
  return n === 0 ? zero : String(n);
}

/** Puppet's CountMismatch wording for `min..max` expected arguments. */
export function arityMessage(fn: string, min: number, max: number, got: number): string {
  let expected: string;
  if (min === max) expected = countText(min, 'no');
  else if (max === Infinity) expected = `at least ${min}`;
  else if (min === 0) expected = `at most ${max}`;
  else expected = `between ${min} and ${max}`;
  const plural = (min === 1 && (max === 1 || max === Infinity)) || (min === 0 && max === 1) ? '' : 's';
  return `'${fn}' expects ${expected} argument${plural}, got ${countText(got, 'none')}`;
}

export function checkArity(fn: string, args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new PapplyError(arityMessage(fn, min, max, args.length));
}

/** Fails with `'fn' parameter 'name' expects ...` unless `value` is an instance of `expected`. */
export function checkParam(fn: string, name: string, expected: BaseType, value: Value): void {
  const message = typeMismatchMessage(`'${fn}'`, expected, value, name);
  // The describer formats `subject: details`; function signatures read `'fn' parameter ...`.
  if (message !== undefined) throw new PapplyError(message.replace(/^('[^']*'):/, '$1'));
}

export function requireBlock(fn: string, block: Closure | undefined): Closure {
  if (!block) throw new PapplyError(`'${fn}' expects a block`);
  return block;
}

/** The block's parameter count must be within `min..max`. */
export function checkBlockArity(fn: string, block: Closure, min: number, max: number): void {
  if (block.capturesRest) return;
  if (block.arity < min || block.arity > max) {
    throw new PapplyError(arityMessage(fn, min, max, block.arity).replace(`'${fn}' expects`, `'${fn}' block expects`));
  }
}
