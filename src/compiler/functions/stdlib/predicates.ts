// stdlib's is_* predicates and validate_* checks (deprecated upstream, still called by the
// modules of this field), worded as stdlib words them.

import { isIP } from 'node:net';
import { PRegexp, isHash, translateRubyRegexp, type Value } from '../../values.js';
import { arity, asLegacyArgs, fail, register, rubyClass, rubyInspect } from './support.js';

const INTEGER = /^-?(?:(?:[1-9]\d*)|0)$/;
const FLOAT = /^-?(?:(?:[1-9]\d*)|0)\.\d+(?:[eE]-?\d+)?$/;

function isNumericString(value: string): boolean {
  return INTEGER.test(value) || FLOAT.test(value);
}

function predicate(name: string, test: (value: Value) => boolean): void {
  register(name, (ctx, args) => {
    arity(ctx, name, args, 1);
    return test(args[0]);
  });
}

predicate('is_array', Array.isArray);
predicate('is_hash', isHash);
predicate('is_bool', (v) => typeof v === 'boolean');
// A string that reads as a number is not a "string" to stdlib.
predicate('is_string', (v) => typeof v === 'string' && !isNumericString(v));
predicate('is_integer', (v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && INTEGER.test(v)));
predicate('is_float', (v) => (typeof v === 'number' && !Number.isInteger(v)) || (typeof v === 'string' && FLOAT.test(v)));
predicate('is_numeric', (v) => typeof v === 'number' || (typeof v === 'string' && isNumericString(v)));
predicate('is_ip_address', (v) => typeof v === 'string' && isIP(v) !== 0);
predicate('is_ipv4_address', (v) => typeof v === 'string' && isIP(v) === 4);
predicate('is_ipv6_address', (v) => typeof v === 'string' && isIP(v) === 6);

function validator(name: string, accepts: (value: Value) => boolean, describe: string): void {
  register(name, (ctx, args) => {
    if (args.length === 0) fail(ctx, `${name}(): wrong number of arguments (${args.length}; must be > 0)`);
    for (const arg of args) {
      if (!accepts(arg)) fail(ctx, `${rubyInspect(arg)} is not ${describe}.  It looks to be a ${rubyClass(arg)}`);
    }
    return undefined;
  });
}

validator('validate_string', (v) => typeof v === 'string' || v === undefined, 'a string');
validator('validate_bool', (v) => typeof v === 'boolean', 'a boolean');
validator('validate_hash', isHash, 'a Hash');
validator('validate_array', Array.isArray, 'an Array');

// validate_re(string, regexp_or_regexps, [message])
register('validate_re', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length < 2 || args.length > 3) fail(ctx, `validate_re(): wrong number of arguments (${args.length}; must be 2 or 3)`);
  const [value, patterns, message] = args;
  if (typeof value !== 'string') fail(ctx, `validate_re(): input needs to be a String, not a ${rubyClass(value)}`);
  const list = Array.isArray(patterns) ? patterns : [patterns];
  const matches = list.some((p) => (p instanceof PRegexp ? p.regexp : new RegExp(translateRubyRegexp(String(p)), 'm')).test(value));
  if (!matches) fail(ctx, typeof message === 'string' && message !== '' ? message : `validate_re(): ${rubyInspect(value)} does not match ${rubyInspect(patterns)}`);
  return undefined;
});

// validate_integer(value_or_values, [max], [min])
register('validate_integer', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length < 1 || args.length > 3) fail(ctx, `validate_integer(): Wrong number of arguments; must be 1, 2 or 3, got ${args.length}`);
  const [input, max, min] = args;
  const toInteger = (v: Value, what: string): number => {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && INTEGER.test(v.trim())) return Number(v.trim());
    return fail(ctx, `validate_integer(): Expected ${what} to be an Integer, got ${rubyInspect(v)}`);
  };
  const maximum = max === '' || max === undefined ? undefined : toInteger(max, 'second argument');
  const minimum = min === '' || min === undefined ? undefined : toInteger(min, 'third argument');
  if (maximum !== undefined && minimum !== undefined && minimum > maximum) fail(ctx, 'validate_integer(): Expected second argument to be larger than third argument');
  for (const item of Array.isArray(input) ? input : [input]) {
    const n = toInteger(item, Array.isArray(input) ? 'element of first argument' : 'first argument');
    if (maximum !== undefined && n > maximum) fail(ctx, `validate_integer(): Expected ${rubyInspect(item)} to be smaller or equal to ${maximum}, got ${rubyInspect(item)}`);
    if (minimum !== undefined && n < minimum) fail(ctx, `validate_integer(): Expected ${rubyInspect(item)} to be greater or equal to ${minimum}, got ${rubyInspect(item)}`);
  }
  return undefined;
});

register('validate_ip_address', (ctx, args) => {
  if (args.length === 0) fail(ctx, `validate_ip_address(): wrong number of arguments (${args.length}; must be > 0)`);
  for (const arg of args) {
    if (typeof arg !== 'string') fail(ctx, `${rubyInspect(arg)} is not a string.`);
    if (isIP(arg) === 0) fail(ctx, `${rubyInspect(arg)} is not a valid IP address.`);
  }
  return undefined;
});
