// How Puppet 7 renders, compares and serialises values:
//   formatValue     string interpolation, notice() and friends: `[1, a, , 1.0]`, `{a => b}`, undef -> ''
//   stringValue     `String($x)` / `new String`: `[1, 'a', undef]`, `{'a' => 1}`, a Float -> '1.500000'
//   puppetEquals    the `==` operator (strings case-insensitively, 1 == 1.0)
//   toCatalogValue  a parameter value in catalog JSON (references as `File[/x]`, rich data as __ptype)

import type { CatalogValue } from './catalog.js';
import { DEFAULT, PFloat, PRegexp, PSensitive, PType, isArray, isHash, type Value } from './values.js';

/** Ruby's Float#to_s: `1.0`, `0.30000000000000004`, `1.0e+20`, `1.5e-07`. */
export function rubyFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 15) {
    const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
    const sign = exponent < 0 ? '-' : '+';
    return `${digits}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const plain = String(n);
  return plain.includes('.') ? plain : `${plain}.0`;
}

/**
 * round(|x| * 10^scale), as Ruby's format rounds: the shortest decimal that reads back as x,
 * rounded half to even (so `%.2f` gives 2.34 for 2.345 and 2.68 for 2.675, like Ruby).
 */
export function scaledDigits(x: number, scale: number): bigint {
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const shift = Number(exponentText) - (digits.length - 1) + scale;
  const n = BigInt(digits);
  if (shift >= 0) return n * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  let q = n / divisor;
  const twice = (n % divisor) * 2n;
  if (twice > divisor || (twice === divisor && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** Whether the exact value of the double x (0 < x < 1) is more than 5 * 10^-(digits + 1). */
function exceedsHalfUnit(x: number, digits: number): boolean {
  // x = mantissa * 2^-shift exactly, with an integer mantissa.
  let mantissa = x;
  let shift = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    shift++;
  }
  return BigInt(mantissa) * 10n ** BigInt(digits + 1) > 5n * 2n ** BigInt(shift);
}

/** Ruby's `%.Nf` of |x| (no sign); Number#toFixed rounds differently. */
export function formatFixed(x: number, digits: number): string {
  // From 2^53 on a double is an integer: Ruby prints its exact digits (1e100 is 10000000000000000159...).
  if (Math.abs(x) >= 2 ** 53) return `${BigInt(Math.abs(x))}${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
  // Below one unit of the last digit Ruby's dtoa compares the double's exact value with half a unit
  // (0.05 is a little above 0.05: '%.1f' gives 0.1; ties go down); above, digits round half-even.
  if (x !== 0 && Math.abs(x) < 10 ** -digits) {
    const up = exceedsHalfUnit(Math.abs(x), digits);
    return digits === 0 ? (up ? '1' : '0') : `0.${'0'.repeat(digits - 1)}${up ? '1' : '0'}`;
  }
  const text = scaledDigits(x, digits).toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function formatNumber(value: number | PFloat): string {
  if (value instanceof PFloat) return rubyFloat(value.value);
  return Number.isInteger(value) ? String(value) : rubyFloat(value);
}

/** Interpolation / notice rendering (Ruby `to_s` of the Puppet value). */
export function formatValue(value: Value): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || value instanceof PFloat) return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isHash(value)) return `{${[...value].map(([k, v]) => `${formatValue(k)} => ${formatValue(v)}`).join(', ')}}`;
  if (value instanceof PRegexp) return value.toString();
  return String(value);
}

/**
 * A string as Puppet's `%p` prints it (StringConverter#puppet_quote): single-quoted with `'` escaped and
 * a backslash kept with the character after it, double-quoted with escapes when a control character
 * is present or `doubleQuoted` is asked (the `#` flag).
 */
export function quoteString(text: string, doubleQuoted = false): string {
  // eslint-disable-next-line no-control-regex
  if (!doubleQuoted && !/[\x00-\x1f]/.test(text)) {
    let quoted = '';
    let escaped = false;
    for (const char of text) {
      if (escaped) {
        quoted += `\\${char}`;
        escaped = false;
      } else if (char === "'") quoted += "\\'";
      else if (char === '\\') escaped = true;
      else quoted += char;
    }
    return `'${quoted}${escaped ? '\\' : ''}'`;
  }
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$/g, '\\$')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
  return `"${escaped}"`;
}

/** A value nested in a collection under `String()`: strings quoted, undef as `undef`. */
function inspectValue(value: Value): string {
  if (value === undefined) return 'undef';
  if (typeof value === 'string') return quoteString(value);
  if (isArray(value)) return `[${value.map(inspectValue).join(', ')}]`;
  if (isHash(value)) return `{${[...value].map(([k, v]) => `${inspectValue(k)} => ${inspectValue(v)}`).join(', ')}}`;
  return formatValue(value);
}

/** `String($x)` with Puppet's default formats. */
export function stringValue(value: Value): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof PFloat || (typeof value === 'number' && !Number.isInteger(value))) {
    const n = value instanceof PFloat ? value.value : value;
    return `${n < 0 ? '-' : ''}${formatFixed(n, 6)}`;
  }
  if (value instanceof PRegexp) return value.source;
  if (isArray(value) || isHash(value)) return inspectValue(value);
  return formatValue(value);
}

function sameNumber(a: Value, b: Value): boolean | undefined {
  const x = typeof a === 'number' ? a : a instanceof PFloat ? a.value : undefined;
  const y = typeof b === 'number' ? b : b instanceof PFloat ? b.value : undefined;
  if (x === undefined || y === undefined) return undefined;
  return x === y;
}

/** Puppet's `==`: strings compare case-insensitively, numbers by value, collections deeply. */
export function puppetEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b || a.toLowerCase() === b.toLowerCase();
  const numeric = sameNumber(a, b);
  if (numeric !== undefined) return numeric;
  if (isArray(a)) return isArray(b) && a.length === b.length && a.every((v, i) => puppetEquals(v, b[i]));
  if (isHash(a)) {
    if (!isHash(b) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !puppetEquals(v, b.get(k))) return false;
    }
    return true;
  }
  if (a instanceof PRegexp) return b instanceof PRegexp && a.source === b.source;
  if (a instanceof PType) return b instanceof PType && a.toString() === b.toString();
  return a === b;
}

/** A reference type's catalog form (`File[/x]`, `Class[Foo]`), when `value` is a reference. */
function referenceString(value: PType): string | undefined {
  const ref = (value as { ref?: unknown }).ref;
  return typeof ref === 'string' && ref.endsWith(']') ? ref : undefined;
}

/**
 * A type as Puppet's rich-data catalog holds it: `{__ptype: 'Pcore::<Name>Type', <attributes>}`, the
 * attributes that differ from their defaults. Attributes are written for the types whose Pcore
 * attributes were compared with Puppet (Integer, Float, Enum, Pattern, Regexp, Optional, Variant, Tuple,
 * Type, NotUndef, String values, Array);
 * others keep only their name.
 */
function typeToData(type: PType): CatalogValue {
  const t = type as unknown as Record<string, unknown> & { simpleName?: string };
  const name = t.simpleName ?? String(type);
  const data: { [key: string]: CatalogValue } = { __ptype: `Pcore::${name}Type` };
  const nested = (x: unknown) => typeToData(x as PType);
  switch (name) {
    case 'Integer':
    case 'Float':
      // Attributes are written up to the last one that differs from its default (earlier ones as null).
      if (t.from !== -Infinity || t.to !== Infinity) data.from = t.from === -Infinity ? null : (t.from as number);
      if (t.to !== Infinity) data.to = t.to as number;
      break;
    case 'Enum':
      if ((t.values as string[]).length) data.values = [...(t.values as string[])];
      if (t.caseInsensitive) data.case_insensitive = true;
      break;
    case 'Pattern':
      if ((t.patterns as PRegexp[]).length) data.patterns = (t.patterns as PRegexp[]).map((p) => ({ __ptype: 'Pcore::RegexpType', pattern: p.source }));
      break;
    case 'Regexp':
      if (t.pattern) data.pattern = (t.pattern as PRegexp).source;
      break;
    case 'Optional':
      if ((t.type as { simpleName?: string }).simpleName !== 'Any') data.type = nested(t.type);
      break;
    case 'Variant':
      if ((t.types as PType[]).length) data.types = (t.types as PType[]).map(nested);
      break;
    case 'Type':
    case 'NotUndef':
      if ((t.type as { simpleName?: string }).simpleName !== 'Any') data.type = nested(t.type);
      break;
    case 'String':
      if (typeof t.value === 'string') data.size_type_or_value = t.value;
      else {
        const size = t.size as { min: number; max: number };
        if (size.min !== 0 || size.max !== Infinity) {
          data.size_type_or_value = { __ptype: 'Pcore::IntegerType', from: size.min, ...(size.max === Infinity ? {} : { to: size.max }) };
        }
      }
      break;
    case 'Array': {
      const size = t.size as { min: number; max: number };
      const sized = size.min !== 0 || size.max !== Infinity;
      if ((t.element as { simpleName?: string }).simpleName !== 'Any' || sized) data.element_type = nested(t.element);
      if (sized) data.size_type = { __ptype: 'Pcore::IntegerType', from: size.min, ...(size.max === Infinity ? {} : { to: size.max }) };
      break;
    }
    case 'Tuple': {
      const size = t.explicitSize as { min: number; max: number } | undefined;
      if ((t.types as PType[]).length || size) data.types = (t.types as PType[]).map(nested);
      if (size) data.size_type = { __ptype: 'Pcore::IntegerType', from: size.min, ...(size.max === Infinity ? {} : { to: size.max }) };
      break;
    }
  }
  return data;
}

/**
 * How a value lands in catalog JSON parameters. Undef becomes null (the evaluator omits undef
 * parameters altogether); regexps/default/types/non-string-keyed hashes and Sensitive values inside
 * a parameter use Puppet's rich-data `__ptype` encoding (a parameter that is Sensitive itself is
 * revealed by the builder and listed in sensitive_parameters, as Puppet does).
 */
export function toCatalogValue(value: Value): CatalogValue {
  if (value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (value instanceof PFloat) return value.value;
  if (isArray(value)) return value.map(toCatalogValue);
  if (isHash(value)) {
    if ([...value.keys()].every((k) => typeof k === 'string')) {
      const object: { [key: string]: CatalogValue } = {};
      for (const [k, v] of value) object[k as string] = toCatalogValue(v);
      return object;
    }
    return { __ptype: 'Hash', __pvalue: [...value].flatMap(([k, v]) => [toCatalogValue(k), toCatalogValue(v)]) };
  }
  if (value instanceof PSensitive) return { __ptype: 'Sensitive', __pvalue: toCatalogValue(value.value) };
  if (value instanceof PRegexp) return { __ptype: 'Regexp', __pvalue: value.source };
  if (value === DEFAULT) return { __ptype: 'Default' };
  if (value instanceof PType) {
    return referenceString(value) ?? typeToData(value);
  }
  return String(value);
}
