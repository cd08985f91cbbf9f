// Ruby values as templates see them, and the mapping between Puppet and Ruby values that Puppet
// applies when it hands variables to ERB (undef -> nil, numbers keep their type, hashes keep order).
//
//   nil -> undefined   true/false -> boolean   String -> string
//   Integer -> integral number   Float -> non-integral number, or PFloat when integral (1.0)
//   Symbol -> RSymbol (interned)   Array -> RValue[]   Hash -> Map   Range -> RRange
//   Regexp -> RRegexp   constants (String, Hash ...) -> RClass
// Puppet-only values (types, Sensitive, default) pass through and print as Puppet prints them.

import { DEFAULT, PDefault, PFloat, PRegexp, PSensitive, PType, translateRubyRegexp, type Value } from '../values.js';

/** Symbols Ruby inspects without quotes: names and operator method names (`:+`, `:<=>`, `:[]`). */
const SIMPLE_SYMBOL = /^(?:[a-zA-Z_][a-zA-Z0-9_]*[?!=]?|\[\]=?|<=>|===?|=~|!=|<<|>>|<=|>=|\*\*|[+-]@|[-+*\/%<>!&|^~])$/;

export class RSymbol {
  private static readonly table = new Map<string, RSymbol>();
  private constructor(readonly name: string) {}
  static of(name: string): RSymbol {
    let symbol = RSymbol.table.get(name);
    if (!symbol) {
      symbol = new RSymbol(name);
      RSymbol.table.set(name, symbol);
    }
    return symbol;
  }
}

export class RRange {
  constructor(
    readonly from: RValue,
    readonly to: RValue,
    readonly exclusive: boolean,
  ) {}
}

export class RRegexp {
  readonly regexp: RegExp;
  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    // Ruby's `m` is JavaScript's `s`; Ruby's `^`/`$` always match at line breaks.
    let jsFlags = 'm';
    if (flags.includes('i')) jsFlags += 'i';
    if (flags.includes('m')) jsFlags += 's';
    let body = translateRubyRegexp(source);
    if (flags.includes('x')) body = body.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
    this.regexp = new RegExp(body, jsFlags);
  }
  /** A fresh global copy, for scanning and gsub. */
  global(): RegExp {
    return new RegExp(this.regexp.source, `${this.regexp.flags}g`);
  }
}

/** A Ruby class constant (`String`, `Hash` ...) as a value: `is_a?`, `===`, `.class`. */
export class RClass {
  private static readonly table = new Map<string, RClass>();
  private constructor(readonly name: string) {}
  static of(name: string): RClass {
    let cls = RClass.table.get(name);
    if (!cls) {
      cls = new RClass(name);
      RClass.table.set(name, cls);
    }
    return cls;
  }
}

export type RHash = Map<RValue, RValue>;

export type RValue =
  | undefined
  | boolean
  | number
  | string
  | PFloat
  | RSymbol
  | RValue[]
  | RHash
  | RRange
  | RRegexp
  | RClass
  | PType
  | PSensitive
  | PDefault
  | object;

export const KNOWN_CLASSES = [
  'Object', 'BasicObject', 'Kernel', 'Comparable', 'Enumerable', 'String', 'Symbol', 'Integer', 'Fixnum',
  'Bignum', 'Float', 'Numeric', 'Array', 'Hash', 'TrueClass', 'FalseClass', 'NilClass', 'Regexp', 'Range',
  'MatchData', 'Proc', 'JSON', 'YAML', 'IPAddr', 'Exception', 'StandardError', 'RuntimeError', 'ArgumentError',
  'TypeError', 'NameError', 'NoMethodError', 'ZeroDivisionError', 'IndexError', 'KeyError',
];

/** The Ruby class name of a value, and its ancestors, for is_a?. */
export function classChain(value: RValue): string[] {
  const base = ['Object', 'BasicObject', 'Kernel'];
  if (value === undefined) return ['NilClass', ...base];
  if (value === true) return ['TrueClass', ...base];
  if (value === false) return ['FalseClass', ...base];
  if (typeof value === 'string') return ['String', 'Comparable', ...base];
  if (isInteger(value)) return ['Integer', 'Fixnum', 'Bignum', 'Numeric', 'Comparable', ...base];
  if (isFloat(value)) return ['Float', 'Numeric', 'Comparable', ...base];
  if (value instanceof RSymbol) return ['Symbol', 'Comparable', ...base];
  if (Array.isArray(value)) return ['Array', 'Enumerable', ...base];
  if (value instanceof Map) return ['Hash', 'Enumerable', ...base];
  if (value instanceof RRange) return ['Range', 'Enumerable', ...base];
  if (value instanceof RRegexp) return ['Regexp', ...base];
  if (value instanceof RClass) return ['Class', 'Module', ...base];
  return ['Object', ...base];
}

export function className(value: RValue): string {
  return classChain(value)[0];
}

export function isInteger(value: RValue): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function isFloat(value: RValue): boolean {
  return value instanceof PFloat || (typeof value === 'number' && !Number.isInteger(value));
}

export function isNumeric(value: RValue): boolean {
  return typeof value === 'number' || value instanceof PFloat;
}

export function numberOf(value: RValue): number {
  return value instanceof PFloat ? value.value : (value as number);
}

/** A float result as a Ruby Float (kept a Float even when integral). */
export function makeFloat(n: number): RValue {
  return Number.isInteger(n) ? new PFloat(n) : n;
}

export function isTruthy(value: RValue): boolean {
  return value !== undefined && value !== false;
}

// ---------------------------------------------------------------- Puppet <-> Ruby

/** A Puppet value as ERB sees it. Copies containers, so templates cannot change Puppet's values. */
export function fromPuppet(value: Value): RValue {
  if (Array.isArray(value)) return value.map(fromPuppet);
  if (value instanceof Map) {
    const hash: RHash = new Map();
    for (const [k, v] of value) hash.set(fromPuppet(k), fromPuppet(v));
    return hash;
  }
  if (value instanceof PRegexp) return new RRegexp(value.source, '');
  if (value === DEFAULT) return RSymbol.of('default');
  return value;
}

/** A Ruby value handed back to Puppet (function arguments): symbols become strings, :undef undef. */
export function toPuppet(value: RValue): Value {
  if (value instanceof RSymbol) return value.name === 'undef' ? undefined : value.name === 'default' ? DEFAULT : value.name;
  if (Array.isArray(value)) return value.map(toPuppet);
  if (value instanceof Map) {
    const hash = new Map<Value, Value>();
    for (const [k, v] of value) hash.set(toPuppet(k), toPuppet(v));
    return hash;
  }
  if (value instanceof RRange) return rangeToArray(value).map(toPuppet);
  if (value instanceof RRegexp) return new PRegexp(value.source);
  if (value instanceof RClass) return value.name;
  return value as Value;
}

export function rangeToArray(range: RRange): RValue[] {
  const { from, to } = range;
  const result: RValue[] = [];
  if (isInteger(from) && (isNumeric(to))) {
    const last = numberOf(to);
    for (let i = from; range.exclusive ? i < last : i <= last; i++) result.push(i);
    return result;
  }
  if (typeof from === 'string' && typeof to === 'string') return stringUpto(from, to, range.exclusive);
  throw new Error(`can't iterate from ${className(from)}`);
}

const ALNUM = /[0-9A-Za-z]/;

/**
 * Ruby's String#succ: the rightmost alphanumeric is incremented, carrying leftwards to the next
 * alphanumeric; a carry does not cross a separator into the other kind ('a-9' -> 'a-10', '1.9' -> '2.0').
 */
export function rubySucc(s: string): string {
  if (!s) return '';
  const chars = [...s];
  let i = chars.length - 1;
  while (i >= 0 && !ALNUM.test(chars[i])) i--;
  if (i < 0) {
    const last = chars.length - 1;
    chars[last] = String.fromCodePoint(chars[last].codePointAt(0)! + 1);
    return chars.join('');
  }
  const isDigit = (c: string) => c >= '0' && c <= '9';
  for (;;) {
    const c = chars[i];
    const wrapped = c === '9' ? '0' : c === 'z' ? 'a' : c === 'Z' ? 'A' : undefined;
    if (wrapped === undefined) {
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    chars[i] = wrapped;
    let left = i - 1;
    while (left >= 0 && !ALNUM.test(chars[left])) left--;
    const crossesIntoOtherKind = left >= 0 && left < i - 1 && isDigit(chars[left]) !== isDigit(c);
    if (left < 0 || crossesIntoOtherKind) {
      chars.splice(i, 0, wrapped === '0' ? '1' : wrapped);
      return chars.join('');
    }
    i = left;
  }
}

/** Ruby's String#upto, which string ranges iterate with. */
export function stringUpto(from: string, to: string, exclusive: boolean): string[] {
  const result: string[] = [];
  if (from.length === 1 && to.length === 1 && from.charCodeAt(0) < 128 && to.charCodeAt(0) < 128) {
    const last = to.charCodeAt(0);
    for (let c = from.charCodeAt(0); exclusive ? c < last : c <= last; c++) result.push(String.fromCharCode(c));
    return result;
  }
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    // All digits: counted as numbers, zero-padded to the width of the start.
    const last = Number(to);
    for (let n = Number(from); exclusive ? n < last : n <= last; n++) result.push(String(n).padStart(from.length, '0'));
    return result;
  }
  if (from > to || (exclusive && from === to)) return result;
  // The start is always yielded; later values only while they are no longer than the end.
  let current = from;
  do {
    if (current === to) {
      if (!exclusive) result.push(current);
      break;
    }
    result.push(current);
    current = rubySucc(current);
  } while (current.length <= to.length && current.length > 0);
  return result;
}

// ---------------------------------------------------------------- printing

/** Ruby's Float#to_s: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, expPart] = n.toExponential().split('e');
  const exponent = Number(expPart);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent >= 16 || exponent < -4) {
    const frac = digits.length > 1 ? digits.slice(1) : '0';
    const exp = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${digits[0]}.${frac}e${exponent < 0 ? '-' : '+'}${exp}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1) || '0';
  return `${sign}${intPart}.${fracPart}`;
}

/** Ruby's to_s, which is what `<%= %>` and string interpolation print. */
export function toS(value: RValue): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (value instanceof PFloat) return formatFloat(value.value);
  if (value instanceof RSymbol) return value.name;
  if (value instanceof RRange) return `${toS(value.from)}${value.exclusive ? '...' : '..'}${toS(value.to)}`;
  if (value instanceof RRegexp) return `(?${regexpFlagString(value.flags)}:${value.source})`;
  if (value instanceof RClass) return value.name;
  if (Array.isArray(value) || value instanceof Map) return inspect(value);
  return String(value);
}

function regexpFlagString(flags: string): string {
  const on = ['m', 'i', 'x'].filter((f) => flags.includes(f)).join('');
  const off = ['m', 'i', 'x'].filter((f) => !flags.includes(f)).join('');
  return off ? `${on}-${off}` : on;
}

/** Ruby's inspect (Ruby 3.1: `{"a"=>1}`, `["a", nil]`, `:sym`). */
export function inspect(value: RValue): string {
  if (value === undefined) return 'nil';
  if (typeof value === 'string') return inspectString(value);
  if (value instanceof RSymbol) return SIMPLE_SYMBOL.test(value.name) ? `:${value.name}` : `:${inspectString(value.name)}`;
  if (Array.isArray(value)) return `[${value.map(inspect).join(', ')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${inspect(k)}=>${inspect(v)}`).join(', ')}}`;
  if (value instanceof RRegexp) return `/${value.source}/${['m', 'i', 'x'].filter((f) => value.flags.includes(f)).join('')}`;
  if (value instanceof PSensitive) return '#<Sensitive [value redacted]>';
  return toS(value);
}

export function inspectString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '#' && (s[i + 1] === '{' || s[i + 1] === '$' || s[i + 1] === '@')) out += '\\#';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x1b') out += '\\e';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\x07') out += '\\a';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// ---------------------------------------------------------------- equality and ordering

export function rubyEquals(a: RValue, b: RValue): boolean {
  if (isNumeric(a) && isNumeric(b)) return numberOf(a) === numberOf(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => rubyEquals(x, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !rubyEquals(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof RRange && b instanceof RRange) return rubyEquals(a.from, b.from) && rubyEquals(a.to, b.to) && a.exclusive === b.exclusive;
  if (a instanceof RRegexp && b instanceof RRegexp) return a.source === b.source && a.flags === b.flags;
  if (a instanceof PType && b instanceof PType) return a.toString() === b.toString();
  return a === b;
}

/** `<=>`: a number, or undefined when the values do not compare (Ruby's nil). */
export function rubyCompare(a: RValue, b: RValue): number | undefined {
  if (isNumeric(a) && isNumeric(b)) return Math.sign(numberOf(a) - numberOf(b));
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof RSymbol && b instanceof RSymbol) return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = rubyCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return Math.sign(a.length - b.length);
  }
  if (a === b) return 0;
  return undefined;
}
