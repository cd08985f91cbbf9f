// sprintf with Ruby's Kernel#format semantics, which Puppet's sprintf() hands its arguments to:
// flags `-+ 0#`, width and precision (also `*`), conversions s p d i u f e E g G x X o b B c %,
// and `%<name>s` / `%{name}` references into a hash argument.

import { PapplyError } from '../../../errors.js';
import { formatFixed, rubyFloat, scaledDigits } from '../../value-format.js';
import { DEFAULT, PFloat, PRegexp, PType, isArray, isHash, type Value } from '../../values.js';
import { registerFunction } from '../registry.js';
import { checkParam, type } from './signature.js';

/** Ruby's `inspect` of a Puppet value as it reaches Ruby code (`["a", 1]`, `{"a"=>1}`, nil). */
export function rubyInspect(value: Value): string {
  if (value === undefined) return 'nil';
  if (value === DEFAULT) return ':default';
  if (typeof value === 'string') return JSON.stringify(value).replace(/\$\{/g, '\\${').replace(/#\{/g, '\\#{');
  if (isArray(value)) return `[${value.map(rubyInspect).join(', ')}]`;
  if (isHash(value)) return `{${[...value].map(([k, v]) => `${rubyInspect(k)}=>${rubyInspect(v)}`).join(', ')}}`;
  return rubyToS(value);
}

/** Ruby's `to_s` of a Puppet value (nil -> '', collections inspected). */
export function rubyToS(value: Value): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : rubyFloat(value);
  if (value instanceof PFloat) return rubyFloat(value.value);
  if (isArray(value) || isHash(value)) return rubyInspect(value);
  if (value instanceof PRegexp) return `(?-mix:${value.source})`;
  return String(value);
}

function toInteger(value: Value): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (value instanceof PFloat) return Math.trunc(value.value);
  if (typeof value === 'string') {
    const text = value.trim().replace(/_/g, '');
    const match = /^([-+]?)(0x[0-9a-f]+|0b[01]+|0o?[0-7]+|[1-9][0-9]*|0)$/i.exec(text);
    if (match) {
      const digits = match[2].toLowerCase();
      let n: number;
      if (digits.startsWith('0x')) n = parseInt(digits.slice(2), 16);
      else if (digits.startsWith('0b')) n = parseInt(digits.slice(2), 2);
      else if (digits.length > 1 && digits.startsWith('0')) n = parseInt(digits.replace(/^0o?/, ''), 8);
      else n = parseInt(digits, 10);
      return match[1] === '-' ? -n : n;
    }
    throw new PapplyError(`invalid value for Integer(): ${rubyInspect(value)}`);
  }
  if (value === undefined) throw new PapplyError("can't convert nil into Integer");
  throw new PapplyError(`can't convert ${rubyToS(value)} into Integer`);
}

function toFloat(value: Value): number {
  if (typeof value === 'number') return value;
  if (value instanceof PFloat) return value.value;
  // Ruby's Float() also reads integer literals in other bases ('0x1f').
  if (typeof value === 'string' && /^\s*[-+]?0[xXbBoO][0-9a-fA-F_]+\s*$/.test(value)) return toInteger(value);
  if (typeof value === 'string' && /^\s*[-+]?(\d[\d_]*)?(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value) && /\d/.test(value)) {
    return Number(value.replace(/_/g, ''));
  }
  throw new PapplyError(`invalid value for Float(): ${rubyInspect(value)}`);
}

interface Spec {
  flags: string;
  width?: number;
  precision?: number;
  conversion: string;
}

function pad(body: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (body.length >= width) return body;
  if (spec.flags.includes('-')) return body.padEnd(width);
  // C ignores `0` for integers given a precision; floats always honour it.
  const isFloat = 'feEgG'.includes(spec.conversion);
  if (numeric && spec.flags.includes('0') && (isFloat || spec.precision === undefined)) {
    const sign = /^[-+ ]/.test(body) ? body[0] : '';
    const prefix = /^[-+ ]?(0[xXbBo])/.exec(body)?.[1] ?? '';
    const digits = body.slice(sign.length + prefix.length);
    return sign + prefix + digits.padStart(width - sign.length - prefix.length, '0');
  }
  return body.padStart(width);
}

function signed(n: number, digits: string, spec: Spec): string {
  if (n < 0 || Object.is(n, -0)) return `-${digits}`;
  if (spec.flags.includes('+')) return `+${digits}`;
  if (spec.flags.includes(' ')) return ` ${digits}`;
  return digits;
}

/** C's %g: %e or %f by the exponent %e would show, trailing zeros removed unless `#`. */
function formatG(n: number, precision: number, spec: Spec): string {
  const p = precision === 0 ? 1 : precision;
  const eForm = formatE(n, p - 1);
  const exponent = Number(eForm.slice(eForm.indexOf('e') + 1));
  let text = exponent < -4 || exponent >= p ? eForm : formatFixed(n, Math.max(0, p - 1 - exponent));
  if (!spec.flags.includes('#')) {
    text = text.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  }
  return text;
}

/** C's `%.Ne` of |n| (no sign), rounding the exact binary value. */
function formatE(n: number, precision: number): string {
  const x = Math.abs(n);
  if (x === 0) return `${formatFixed(0, precision)}e+00`;
  let exponent = Math.floor(Math.log10(x));
  let digits = scaledDigits(x, precision - exponent);
  // log10 may be off by one near powers of ten, and rounding may carry into a new digit.
  if (digits.toString().length > precision + 1) {
    exponent += 1;
    digits = scaledDigits(x, precision - exponent);
  } else if (digits.toString().length < precision + 1) {
    exponent -= 1;
    digits = scaledDigits(x, precision - exponent);
  }
  const text = digits.toString();
  const mantissa = precision === 0 ? text : `${text[0]}.${text.slice(1)}`;
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Ruby shows a negative number in base 2/8/16 as its two's complement: -7 -> `..f9`. */
function twosComplement(n: number, base: number): string {
  const width = Math.abs(n).toString(base).length + 1;
  const complement = (BigInt(base) ** BigInt(width) + BigInt(n)).toString(base).padStart(width, '0');
  const top = (base - 1).toString(base);
  return `..${top}${complement.replace(new RegExp(`^${top}+`), '')}`;
}

function convert(spec: Spec, value: Value): string {
  const { conversion } = spec;
  switch (conversion) {
    case 's':
    case 'p': {
      let text = conversion === 's' ? rubyToS(value) : rubyInspect(value);
      if (spec.precision !== undefined) text = text.slice(0, spec.precision);
      return pad(text, spec, false);
    }
    case 'd':
    case 'i':
    case 'u': {
      const n = toInteger(value);
      let digits = String(Math.abs(n));
      if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
      return pad(signed(n, digits, spec), spec, true);
    }
    case 'f': {
      const n = toFloat(value);
      return pad(signed(n, formatFixed(n, spec.precision ?? 6), spec), spec, true);
    }
    case 'e':
    case 'E': {
      const n = toFloat(value);
      const text = formatE(n, spec.precision ?? 6);
      return pad(signed(n, conversion === 'E' ? text.toUpperCase() : text, spec), spec, true);
    }
    case 'g':
    case 'G': {
      const n = toFloat(value);
      const text = formatG(Math.abs(n), spec.precision ?? 6, spec);
      return pad(signed(n, conversion === 'G' ? text.toUpperCase() : text, spec), spec, true);
    }
    case 'x':
    case 'X':
    case 'o':
    case 'b':
    case 'B': {
      const n = toInteger(value);
      const base = conversion === 'o' ? 8 : conversion === 'b' || conversion === 'B' ? 2 : 16;
      const explicitSign = spec.flags.includes('+') || spec.flags.includes(' ');
      let digits = n < 0 && !explicitSign ? twosComplement(n, base) : Math.abs(n).toString(base);
      if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
      if (spec.flags.includes('#') && n !== 0) {
        digits = { x: '0x', X: '0X', o: '0', b: '0b', B: '0B' }[conversion]! + digits;
      }
      if (conversion === 'X') digits = digits.toUpperCase();
      return pad(n < 0 && !explicitSign ? digits : signed(n, digits, spec), spec, true);
    }
    case 'c': {
      if (typeof value === 'string' && [...value].length !== 1) throw new PapplyError('%c requires a character');
      const text = typeof value === 'string' ? value : String.fromCodePoint(toInteger(value));
      return pad(text, spec, false);
    }
  }
  throw new PapplyError(`malformed format string - %${conversion}`);
}

/** Formats like Ruby's `format(template, *args)`. */
export function rubyFormat(template: string, args: Value[]): string {
  let next = 0;
  const takeArg = (): Value => {
    if (next >= args.length) throw new PapplyError('too few arguments');
    return args[next++];
  };
  const named = (name: string): Value => {
    const hash = args[0];
    if (!isHash(hash)) throw new PapplyError('one hash required');
    if (!hash.has(name)) throw new PapplyError(`key<${name}> not found`);
    return hash.get(name);
  };
  const pattern = /%(?:(\d+)\$)?([-+ 0#]*)(?:<(\w+)>)?([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?(?:([sdiufeEgGxXobBcp%])|\{(\w+)\})/g;
  let out = '';
  let last = 0;
  for (let m = pattern.exec(template); m; m = pattern.exec(template)) {
    out += template.slice(last, m.index);
    last = pattern.lastIndex;
    const [, position, flags1, name, flags2, width, precision, conversion, braced] = m;
    if (conversion === '%') {
      out += '%';
      continue;
    }
    if (braced !== undefined) {
      out += rubyToS(named(braced));
      continue;
    }
    const spec: Spec = { flags: flags1 + flags2, conversion };
    if (width === '*') {
      const w = toInteger(takeArg());
      if (w < 0) spec.flags += '-';
      spec.width = Math.abs(w);
    } else if (width !== undefined) spec.width = Number(width);
    if (precision === '*') spec.precision = toInteger(takeArg());
    else if (precision !== undefined) spec.precision = Number(precision);
    let arg: Value;
    if (name !== undefined) arg = named(name);
    else if (position !== undefined) {
      if (Number(position) > args.length) throw new PapplyError('too few arguments');
      arg = args[Number(position) - 1];
    } else arg = takeArg();
    out += convert(spec, arg);
  }
  return out + template.slice(last);
}

/**
 * An argument as Puppet hands it to Ruby's format: undef becomes '', a regexp its `/source/`
 * text, a resource or class reference its catalog form (`File[/x]`, `Class[Foo]`).
 */
function rubyArgument(value: Value): Value {
  if (value === undefined) return '';
  if (value instanceof PRegexp) return value.toString();
  if (value instanceof PType) {
    const ref = (value as { ref?: unknown }).ref;
    if (typeof ref === 'string' && ref.endsWith(']')) return ref;
  }
  return value;
}

/** How Ruby names a value in its conversion errors. */
function rubyClassOf(value: Value): string {
  if (value === undefined) return 'nil';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (value instanceof PFloat) return 'Float';
  if (isArray(value)) return 'Array';
  if (isHash(value)) return 'Hash';
  return 'Object';
}

registerFunction('sprintf', (_ctx, args) => {
  if (args.length === 0) throw new PapplyError(`sprintf(): Wrong number of arguments given (0 for minimum 1)`);
  const [template, ...rest] = args;
  // A Puppet 3.x function: Ruby's own complaint for a non-String format.
  if (typeof template !== 'string') throw new PapplyError(`no implicit conversion of ${rubyClassOf(template)} into String`);
  return rubyFormat(template as string, rest.map(rubyArgument));
});
