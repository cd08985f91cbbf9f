// stdlib's is_* predicates and validate_* checks (deprecated upstream, still called by the
// modules of this field), worded as stdlib words them.

import { isIP } from 'node:net';
import { PRegexp, PType, isHash, translateRubyRegexp, type Value } from '../../values.js';
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

const ABSOLUTE_PATH = /^(?:\/|[a-zA-Z]:[\\/]|\\\\[^\\]+\\[^\\]+)/;

predicate('is_absolute_path', (v) => typeof v === 'string' && ABSOLUTE_PATH.test(v));
predicate('is_domain_name', (v) => {
  if (typeof v !== 'string' || v.length > 255 || v.length === 0) return false;
  const name = v.endsWith('.') ? v.slice(0, -1) : v;
  if (/^\d+$/.test(name.split('.').pop() ?? '')) return false;
  return name.split('.').every((label) => /^[a-z\d]([a-z\d-]{0,61}[a-z\d])?$/i.test(label));
});
predicate('is_mac_address', (v) => typeof v === 'string' && (/^([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}$/i.test(v) || /^([0-9a-f]{1,2}:){19}[0-9a-f]{1,2}$/i.test(v)));

register('validate_absolute_path', (ctx, args) => {
  if (args.length === 0) fail(ctx, `validate_absolute_path(): wrong number of arguments (${args.length}; must be > 0)`);
  for (const arg of args) {
    const candidates = Array.isArray(arg) ? arg : [arg];
    for (const path of candidates) {
      if (typeof path !== 'string' || !ABSOLUTE_PATH.test(path)) fail(ctx, `${rubyInspect(arg)} is not an absolute path.`);
    }
  }
  return undefined;
});

// validate_slength(string_or_strings, max, [min])
register('validate_slength', (ctx, args) => {
  if (args.length < 2 || args.length > 3) fail(ctx, `validate_slength(): Wrong number of arguments (${args.length}; must be 2 or 3)`);
  const [input, max, min = 0] = args;
  const maximum = Number(max);
  const minimum = Number(min);
  if (!Number.isInteger(maximum)) fail(ctx, 'validate_slength(): Expected second argument to be a positive Numeric');
  if (!Number.isInteger(minimum)) fail(ctx, 'validate_slength(): Expected third argument to be unset or a positive Numeric');
  for (const item of Array.isArray(input) ? input : [input]) {
    if (typeof item !== 'string') fail(ctx, `validate_slength(): Expected first argument to be a String or Array, got ${rubyClass(item)}`);
    const length = [...item].length;
    if (length < minimum || length > maximum) fail(ctx, `validate_slength(): Expected length of ${rubyInspect(item)} to be between ${minimum} and ${maximum}, was ${length}`);
  }
  return undefined;
});

// validate_numeric(value_or_values, [max], [min])
register('validate_numeric', (ctx, rawArgs) => {
  const args = asLegacyArgs(rawArgs);
  if (args.length < 1 || args.length > 3) fail(ctx, `validate_numeric(): Wrong number of arguments; must be 1, 2 or 3, got ${args.length}`);
  const [input, max, min] = args;
  const toNumber = (v: Value, what: string): number => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && isNumericString(v.trim())) return Number(v);
    return fail(ctx, `validate_numeric(): Expected ${what} to be a Numeric or Array, got ${rubyClass(v)}`);
  };
  const maximum = max === '' || max === undefined ? undefined : toNumber(max, 'second argument');
  const minimum = min === '' || min === undefined ? undefined : toNumber(min, 'third argument');
  for (const item of Array.isArray(input) ? input : [input]) {
    const n = toNumber(item, Array.isArray(input) ? 'element of first argument' : 'first argument');
    if (maximum !== undefined && n > maximum) fail(ctx, `validate_numeric(): Expected ${rubyInspect(item)} to be smaller or equal to ${maximum}, got ${rubyInspect(item)}`);
    if (minimum !== undefined && n < minimum) fail(ctx, `validate_numeric(): Expected ${rubyInspect(item)} to be greater or equal to ${minimum}, got ${rubyInspect(item)}`);
  }
  return undefined;
});

// validate_legacy(Type, 'validate_x', value, *args): the type decides; a value only the legacy
// validator accepts passes with a warning, as in stdlib.
register('validate_legacy', (ctx, args) => {
  if (args.length < 3) fail(ctx, `validate_legacy(): wrong number of arguments (${args.length}; must be at least 3)`);
  const [type, legacy, value, ...rest] = args;
  const typeName = type instanceof PType ? type.toString() : String(type);
  if (type instanceof PType ? type.isInstance(value) : false) return undefined;
  try {
    ctx.callFunction(String(legacy), [value, ...rest]);
  } catch {
    return fail(ctx, `validate_legacy(${typeName}, ...) expects ${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName} value, got ${rubyClass(value)}`);
  }
  ctx.callFunction('warning', [`Accepting previously invalid value for target type '${typeName}'`]);
  return undefined;
});

// has_interface_with(name) | has_interface_with(kind, value): from the legacy facts `interfaces`
// and `<kind>_<interface>` (as stdlib reads them), e.g. ('ipaddress', '10.0.0.1').
register('has_interface_with', (ctx, args) => {
  arity(ctx, 'has_interface_with', args, 1, 2);
  const interfaces = ctx.lookupVariable('interfaces');
  if (typeof interfaces !== 'string') return false;
  const names = interfaces.split(',');
  if (args.length === 1) return names.includes(String(args[0]));
  const [kind, value] = args;
  if (ctx.lookupVariable(String(kind)) === value) return true;
  return names.some((iface) => ctx.lookupVariable(`${String(kind)}_${iface.toLowerCase()}`) === value);
});
