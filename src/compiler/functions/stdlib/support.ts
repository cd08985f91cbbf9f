// Shared by the stdlib functions: Ruby's view of values (stdlib functions are Ruby and word their
// errors with Ruby's inspect and class names) and argument checks.

import { PapplyError } from '../../../errors.js';
import { className, fromPuppet, inspect } from '../../templates/ruby-values.js';
import { isHash, type Value } from '../../values.js';
import { registerFunction, lookupFunction, type CallContext, type PuppetFunction } from '../registry.js';

export function rubyInspect(value: Value): string {
  return inspect(fromPuppet(value));
}

export function rubyClass(value: Value): string {
  return className(fromPuppet(value));
}

export function fail(ctx: CallContext, message: string): never {
  throw new PapplyError(message, ctx.loc);
}

export function arity(ctx: CallContext, name: string, args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    fail(ctx, `${name}(): Wrong number of arguments given (${args.length} for ${expected})`);
  }
}

/** Puppet's 3.x function API passes a top-level undef as '' — stdlib's checks are written for that. */
export function asLegacyArgs(args: Value[]): Value[] {
  return args.map((a) => (a === undefined ? '' : a));
}

export function isEmptyValue(value: Value): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (isHash(value) && value.size === 0);
}

export function register(name: string, fn: PuppetFunction): void {
  registerFunction(name, fn);
}

/** For stdlib functions Puppet's core also has (core wins in Puppet): only when core lacks them. */
export function registerUnlessCore(name: string, fn: PuppetFunction): void {
  if (!lookupFunction(name)) registerFunction(name, fn);
}
