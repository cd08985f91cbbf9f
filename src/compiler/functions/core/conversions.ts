// Type conversions and type functions: new (`Integer($x)`, `String($x)`, `Array($x, true)`,
// `Integer[1, 5].new($x)` ...), type(), assert_type().

import { PapplyError } from '../../../errors.js';
import {
  ArrayType,
  BaseType,
  BooleanType,
  FloatType,
  HashType,
  IntegerType,
  NotUndefType,
  NumericType,
  OptionalType,
  RegexpType,
  SensitiveType,
  StringType,
  StructType,
  TupleType,
  TypeAliasType,
  generalize,
  resolveType,
  typeMismatchMessage,
  typeOf,
} from '../../types/index.js';
import { formatValue, quoteString, stringValue } from '../../value-format.js';
import { DEFAULT, PFloat, PRegexp, PSensitive, PType, isArray, isHash, type PHash, type Value } from '../../values.js';
import { registerFunction, type Closure } from '../registry.js';
import { checkArity, checkParam, type } from './signature.js';
import { rubyFormat } from './sprintf.js';

function cannotConvert(fn: string, value: Value, target: string): never {
  if (typeof value === 'string') throw new PapplyError(`'${fn}' The string '${value}' cannot be converted to ${target}`);
  throw new PapplyError(`'${fn}' Value of type ${typeOf(value).simpleName} cannot be converted to ${target}`);
}

// Puppet's Integer.new accepts strings matching INTEGER_PATTERN_LENIENT, then Ruby's Integer() decides.
const INTEGER_LENIENT = /^([-+]?)\s*(\d+|0[xX][0-9A-Fa-f]+|0[bB][01]+)$/;
const RADIX_PREFIX: Record<number, RegExp> = { 2: /^0[bB]/, 8: /^0[oO]?/, 10: /^0[dD]/, 16: /^0[xX]/ };
const RADIX_DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^\d+$/, 16: /^[0-9A-Fa-f]+$/ };

/** Ruby's Integer(text) / Integer(text, radix) of a string that passed the lenient pattern. */
function integerFromString(text: string, radix: Value): number | undefined {
  const m = INTEGER_LENIENT.exec(text);
  if (!m) return undefined;
  const digits = m[2];
  let n: number;
  if (typeof radix === 'number') {
    const body = digits.replace(RADIX_PREFIX[radix], '');
    if (!RADIX_DIGITS[radix].test(body)) throw new PapplyError(`invalid value for Integer(): "${text}"`);
    n = parseInt(body, radix);
  } else if (/^0[xX]/.test(digits)) n = parseInt(digits.slice(2), 16);
  else if (/^0[bB]/.test(digits)) n = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits.startsWith('0')) {
    if (!/^[0-7]+$/.test(digits)) throw new PapplyError(`invalid value for Integer(): "${text}"`);
    n = parseInt(digits.slice(1), 8);
  } else n = parseInt(digits, 10);
  return m[1] === '-' ? -n : n;
}

function toInteger(value: Value, radix: Value, abs: Value): number {
  if (radix !== undefined && radix !== DEFAULT && ![2, 8, 10, 16].includes(radix as number)) {
    throw new PapplyError(`Illegal radix: ${formatValue(radix)}, expected 2, 8, 10, 16, or default`);
  }
  let n: number | undefined;
  if (typeof value === 'number') n = Math.trunc(value);
  else if (value instanceof PFloat) n = Math.trunc(value.value);
  else if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'string') n = integerFromString(value, radix);
  if (n === undefined) cannotConvert('new', value, 'Integer');
  return abs === true ? Math.abs(n) : n;
}

function floatFromString(text: string): number | undefined {
  // FLOAT_PATTERN: a sign (spaces may follow it), then decimal digits with optional fraction and exponent.
  const m = /^([-+]?)\s*(.*)$/s.exec(text)!;
  const body = m[2];
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return integerFromString(m[1] + body, undefined);
  if (/^(0|[1-9]\d*)(\.\d+)?([eE]-?\d+)?$/.test(body) || /^0[0-7]+$/.test(body)) return Number(m[1] + body);
  return undefined;
}

/** A Float value; integral floats stay Floats (`3.0`) through PFloat. */
function asFloat(n: number): Value {
  return Number.isInteger(n) ? new PFloat(n) : n;
}

function toFloat(value: Value, abs: Value): Value {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (value instanceof PFloat) n = value.value;
  else if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'string') n = floatFromString(value);
  if (n === undefined) cannotConvert('new_float', value, 'Float');
  return asFloat(abs === true ? Math.abs(n) : n);
}

function toNumeric(value: Value, abs: Value): Value {
  if (typeof value === 'string') {
    const asInt = integerFromString(value.trim(), undefined);
    if (asInt !== undefined) return abs === true ? Math.abs(asInt) : asInt;
    const f = floatFromString(value);
    if (f === undefined) cannotConvert('new_numeric', value, 'Numeric');
    return asFloat(abs === true ? Math.abs(f) : f);
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || value instanceof PFloat) return value;
  return cannotConvert('new_numeric', value, 'Numeric');
}

function toBoolean(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value instanceof PFloat) return value.value !== 0;
  if (typeof value === 'string') {
    const text = value.toLowerCase();
    if (['true', 'yes', 'y'].includes(text)) return true;
    if (['false', 'no', 'n'].includes(text)) return false;
  }
  return cannotConvert('new_boolean', value, 'Boolean');
}

function toArray(value: Value, wrap: Value): Value[] {
  if (isArray(value)) return value;
  if (wrap === true) return value === undefined ? [] : [value];
  if (isHash(value)) return [...value].map(([k, v]) => [k, v]);
  if (typeof value === 'string') return [...value];
  if (typeof value === 'number' && Number.isInteger(value)) return Array.from({ length: Math.max(0, value) }, (_, i) => i);
  return cannotConvert('new_array', value, 'Array');
}

function toHash(value: Value): PHash {
  if (isHash(value)) return value;
  if (value === undefined) return new Map();
  if (isArray(value)) {
    const out: PHash = new Map();
    if (value.every((v) => isArray(v) && v.length === 2)) {
      for (const pair of value as Value[][]) out.set(pair[0], pair[1]);
      return out;
    }
    if (value.length % 2 !== 0) throw new PapplyError('odd number of arguments for Hash');
    for (let i = 0; i < value.length; i += 2) out.set(value[i], value[i + 1]);
    return out;
  }
  return cannotConvert('new_hash', value, 'Hash');
}

// Puppet's StringConverter format: %<flags><width>.<prec><letter>.
const STRING_FORMAT = /^%([\s[+#0{<(|-]*)([1-9][0-9]*)?(?:\.([0-9]+))?([a-zA-Z])$/;

/** The type name Puppet's StringConverter dispatches on, and the format letters it accepts there. */
function formatKind(value: Value): [string, string] | undefined {
  if (value === undefined) return ['Undef', 'nudxXobBeEfgGaAvVsp'];
  if (value === DEFAULT) return ['Default', 'dDsp'];
  if (typeof value === 'boolean') return ['Boolean', 'tTyYdxXobBeEfgGaAsp'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['Integer', 'dxXobBeEfgGaAspc'] : ['Float', 'dxXobBeEfgGaAsp'];
  if (value instanceof PFloat) return ['Float', 'dxXobBeEfgGaAsp'];
  if (typeof value === 'string') return ['String', 'cCudspt'];
  if (value instanceof PRegexp) return ['Regexp', 'sp'];
  if (isArray(value)) return ['Array', 'asp'];
  if (isHash(value)) return ['Hash', 'hasp'];
  if (value instanceof PType) return ['Type', 'sp'];
  return undefined;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

/** String(value, format) as Puppet's StringConverter for one format string. */
function toStringValue(value: Value, format: Value): string {
  if (typeof format !== 'string') return stringValue(value);
  const match = STRING_FORMAT.exec(format);
  if (!match) throw new PapplyError(`The format '${format}' is not a valid format on the form '%<flags><width>.<prec><format>'`);
  const [, flags, width, precision, letter] = match;
  const kind = formatKind(value);
  if (kind && !kind[1].includes(letter)) {
    throw new PapplyError(`Illegal format '${letter}' specified for value of ${kind[0]} type - expected one of the characters '${kind[1]}'`);
  }
  const alt = flags.includes('#');
  // A word rendered in place of the value, with only width, precision and '-' applied (apply_string_flags).
  const asWord = (word: string) => rubyFormat(`%${flags.includes('-') ? '-' : ''}${width ?? ''}${precision === undefined ? '' : `.${precision}`}s`, [word]);
  if (typeof value === 'string' && 'cCudt'.includes(letter) && !alt) {
    const converted = {
      c: () => capitalize(value),
      C: () => value.split('::').map(capitalize).join('::'),
      u: () => value.toUpperCase(),
      d: () => value.toLowerCase(),
      t: () => value.trim(),
    }[letter]!();
    return rubyFormat(format.slice(0, -1) + 's', [converted]);
  }
  if (typeof value === 'string' && letter === 'p') return asWord(quoteString(value, alt));
  if (typeof value === 'boolean' && 'tTyY'.includes(letter)) {
    const word = { t: String(value), T: capitalize(String(value)), y: value ? 'yes' : 'no', Y: value ? 'Yes' : 'No' }[letter]!;
    return asWord(alt ? word.charAt(0) : word);
  }
  if (typeof value === 'boolean' && letter !== 's' && letter !== 'p') {
    // In numeric form: 1/0 by the Integer rules, 1.0/0.0 by the Float rules.
    return 'dxXobB'.includes(letter) ? toStringValue(value ? 1 : 0, format) : rubyFormat(format, [new PFloat(value ? 1 : 0)]);
  }
  if (value === DEFAULT) return asWord(letter === 'D' ? (alt ? '"Default"' : 'Default') : alt ? '"default"' : 'default');
  if (value === undefined) {
    const words: Record<string, string> = { n: alt ? 'null' : 'nil', u: alt ? 'undefined' : 'undef', v: 'n/a', V: 'N/A', s: alt ? '""' : '', p: alt ? '"undef"' : 'undef' };
    return asWord(words[letter] ?? 'NaN');
  }
  if (!isArray(value) && !isHash(value)) return rubyFormat(format, [value]);
  return stringValue(value);
}

/** `T.new(args)`: converts by the type's kind, then checks a parameterised type still holds. */
function newInstance(target: BaseType, args: Value[]): Value {
  // Puppet's new: a single value that already is an instance is returned as it is (`Variant[Integer, String]('12')`).
  if (args.length === 1 && target.isInstance(args[0])) return args[0];
  const base = target instanceof TypeAliasType ? target.resolved : target;
  const [value, second, third] = args;
  let result: Value;
  if (base instanceof IntegerType) result = toInteger(value, second, third);
  else if (base instanceof FloatType) result = toFloat(value, second);
  else if (base instanceof NumericType) result = toNumeric(value, second);
  else if (base instanceof StringType) {
    if (args.length > 2) throw new PapplyError(`'new_string' expects between 1 and 2 arguments, got ${args.length}`);
    result = toStringValue(value, second);
  }
  else if (base instanceof BooleanType) result = toBoolean(value);
  else if (base instanceof ArrayType || base instanceof TupleType) result = toArray(value, second);
  else if (base instanceof HashType || base instanceof StructType) result = toHash(value);
  else if (base instanceof OptionalType) return value === undefined ? undefined : newInstance(base.type, args);
  else if (base instanceof NotUndefType) result = newInstance(base.type, args);
  else if (base instanceof SensitiveType) result = value instanceof PSensitive ? value : new PSensitive(value);
  else if (base instanceof RegexpType) result = value instanceof PRegexp ? value : new PRegexp(String(value));
  else throw new PapplyError(`Creation of new instance of type '${target}' is not supported`);
  const mismatch = typeMismatchMessage(`Converted value from ${target}.new() has wrong type`, target, result);
  if (mismatch !== undefined) throw new PapplyError(mismatch.replace(/^(Converted value from .*?\.new\(\) has wrong type):/, '$1,'));
  return result;
}

/** Puppet's new: an instance given alone is returned as is (no block call); else converted, then given to the block. */
function construct(target: BaseType, args: Value[], block: Closure | undefined): Value {
  if (args.length === 1 && target.isInstance(args[0])) return args[0];
  const result = newInstance(target, args);
  return block ? block.call([result]) : result;
}

registerFunction('new', (_ctx, args, block) => {
  checkArity('new', args, 1, Infinity);
  const [target, ...rest] = args;
  if (!(target instanceof BaseType)) checkParam('new', 'type', type('Type'), target);
  return construct(target as BaseType, rest, block);
});

// `Integer($x)`, `String($x, '%x')` ...: a call named after a type is that type's `new`.
for (const name of ['Integer', 'Float', 'Numeric', 'String', 'Boolean', 'Array', 'Hash', 'Tuple', 'Struct', 'Optional', 'Sensitive', 'Regexp']) {
  registerFunction(name, (_ctx, args, block) => construct(resolveType(name, []) as BaseType, args, block));
}

registerFunction('type', (_ctx, args) => {
  checkArity('type', args, 1, 2);
  const [value, mode] = args;
  checkParam('type', 'inference_method', type('Optional', type('Enum', 'detailed', 'reduced', 'generalized')), mode);
  const inferred = typeOf(value);
  return mode === 'generalized' ? generalize(inferred) : inferred;
});

registerFunction('assert_type', (_ctx, args, block) => {
  checkArity('assert_type', args, 2);
  let [expected] = args;
  const value = args[1];
  if (typeof expected === 'string') expected = resolveType(expected, []) as PType;
  checkParam('assert_type', 'type', type('Type'), expected);
  const mismatch = typeMismatchMessage('assert_type()', expected as PType, value);
  if (mismatch === undefined) return value;
  if (block) return block.call([expected, typeOf(value)]);
  throw new PapplyError(mismatch);
});
