// String (and Symbol) methods of the template Ruby subset.

import { RMatch, RubyError, argCount, type RBlock, type RubyRuntime } from './ruby-runtime.js';
import {
  RRange, RRegexp, RSymbol, className, formatFloat, inspect, isInteger, isNumeric, makeFloat, numberOf,
  rangeToArray, rubySucc, toS, type RValue,
} from './ruby-values.js';

export function stringMethod(rt: RubyRuntime, s: string, name: string, args: RValue[], block: RBlock | undefined): RValue | typeof NO_METHOD {
  switch (name) {
    case 'to_s':
    case 'to_str':
    case 'dup':
    case 'clone':
    case 'freeze':
    case 'itself':
      return s;
    case 'to_sym':
    case 'intern':
      return RSymbol.of(s);
    case 'to_i': {
      const m = /^\s*[+-]?\d[\d_]*/.exec(s);
      return m ? parseInt(m[0].replace(/_/g, ''), 10) : 0;
    }
    case 'to_f': {
      const m = /^\s*[+-]?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?/.exec(s);
      return makeFloat(m ? parseFloat(m[0].replace(/_/g, '')) : 0);
    }
    case 'length':
    case 'size':
      return [...s].length;
    case 'bytesize':
      return Buffer.byteLength(s);
    case 'empty?':
      return s.length === 0;
    case 'upcase':
      return s.toUpperCase();
    case 'downcase':
      return s.toLowerCase();
    case 'capitalize':
      return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    case 'swapcase':
      return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    case 'strip':
      return s.replace(/^[\s\0]+|[\s\0]+$/g, '');
    case 'lstrip':
      return s.replace(/^\s+/, '');
    case 'rstrip':
      return s.replace(/[\s\0]+$/, '');
    case 'chomp':
      if (args.length) return s.endsWith(toS(args[0])) ? s.slice(0, s.length - toS(args[0]).length) : s;
      return s.replace(/(\r\n|\n|\r)$/, '');
    case 'chop':
      return s.endsWith('\r\n') ? s.slice(0, -2) : s.slice(0, -1);
    case 'chr':
      return s.slice(0, 1);
    case 'chars':
      return [...s];
    case 'bytes':
      return [...Buffer.from(s)];
    case 'lines':
      return splitLines(s);
    case 'each_line':
    case 'each_char': {
      const items = name === 'each_line' ? splitLines(s) : [...s];
      if (!block) return items;
      for (const item of items) block.call([item]);
      return s;
    }
    case 'reverse':
      return [...s].reverse().join('');
    case 'include?':
      argCount(args, 1, 1, name);
      return s.includes(stringArg(args[0], name));
    case 'start_with?':
      return args.some((a) => (a instanceof RRegexp ? new RegExp(`^(?:${a.regexp.source})`, a.regexp.flags).test(s) : s.startsWith(stringArg(a, name))));
    case 'end_with?':
      return args.some((a) => s.endsWith(stringArg(a, name)));
    case 'index': {
      const from = args.length > 1 ? numberOf(args[1]) : 0;
      const at = args[0] instanceof RRegexp ? regexpIndex(args[0], s, from) : s.indexOf(stringArg(args[0], name), from);
      return at < 0 ? undefined : at;
    }
    case 'rindex': {
      const at = s.lastIndexOf(stringArg(args[0], name));
      return at < 0 ? undefined : at;
    }
    case 'count':
      return [...s].filter((c) => charSet(stringArg(args[0], name)).has(c)).length;
    case 'delete': {
      const set = charSet(stringArg(args[0], name));
      return [...s].filter((c) => !set.has(c)).join('');
    }
    case 'squeeze':
      return s.replace(/(.)\1+/gs, '$1');
    case 'tr':
      return translate(s, stringArg(args[0], name), stringArg(args[1], name));
    case 'center':
    case 'ljust':
    case 'rjust':
      return justify(s, name, numberOf(args[0]), args.length > 1 ? stringArg(args[1], name) : ' ');
    case 'split':
      return split(s, args);
    case 'sub':
    case 'gsub':
      return substitute(rt, s, name === 'gsub', args, block);
    case 'match':
    case 'match?': {
      const re = args[0] instanceof RRegexp ? args[0] : new RRegexp(escapeRegexp(stringArg(args[0], name)), '');
      const m = re.regexp.exec(s);
      if (name === 'match?') return m !== null;
      const match = m ? new RMatch(m, s) : undefined;
      rt.setLastMatch(match);
      return match;
    }
    case 'scan': {
      const re = args[0] instanceof RRegexp ? args[0] : new RRegexp(escapeRegexp(stringArg(args[0], name)), '');
      const result: RValue[] = [];
      for (const m of s.matchAll(re.global())) {
        const item = m.length > 1 ? m.slice(1).map((g) => g ?? undefined) : m[0];
        if (block) block.call([item]);
        else result.push(item);
      }
      return block ? s : result;
    }
    case '=~': {
      if (!(args[0] instanceof RRegexp)) throw new RubyError(`type mismatch: ${className(args[0])} given`);
      const m = args[0].regexp.exec(s);
      rt.setLastMatch(m ? new RMatch(m, s) : undefined);
      return m ? m.index : undefined;
    }
    case '+':
      if (typeof args[0] !== 'string') throw new RubyError(`no implicit conversion of ${className(args[0])} into String`);
      return s + args[0];
    case '*':
      if (!isInteger(args[0])) throw new RubyError(`no implicit conversion of ${className(args[0])} into Integer`);
      return s.repeat(args[0]);
    case '%':
      if (args[0] instanceof Map) return formatNamed(s, args[0]);
      return format(s, Array.isArray(args[0]) ? args[0] : [args[0]]);
    case '[]':
    case 'slice':
      return stringIndex(s, args);
    case 'casecmp':
      return Math.sign(s.toLowerCase().localeCompare(stringArg(args[0], name).toLowerCase()));
    case 'casecmp?':
      return s.toLowerCase() === stringArg(args[0], name).toLowerCase();
    case 'hex':
      return parseInt(s, 16) || 0;
    case 'succ':
    case 'next':
      return rubySucc(s);
    case 'ord':
      return s.codePointAt(0);
    default:
      return NO_METHOD;
  }
}

export const NO_METHOD = Symbol('no such method');

export function symbolMethod(sym: RSymbol, name: string, args: RValue[]): RValue | typeof NO_METHOD {
  switch (name) {
    case 'to_s':
    case 'id2name':
    case 'name':
      return sym.name;
    case 'to_sym':
      return sym;
    case 'length':
    case 'size':
      return sym.name.length;
    case 'upcase':
      return RSymbol.of(sym.name.toUpperCase());
    case 'downcase':
      return RSymbol.of(sym.name.toLowerCase());
    case 'empty?':
      return sym.name.length === 0;
    case 'start_with?':
      return args.some((a) => sym.name.startsWith(toS(a)));
    case 'end_with?':
      return args.some((a) => sym.name.endsWith(toS(a)));
    default:
      return NO_METHOD;
  }
}

function stringArg(value: RValue, method: string): string {
  if (typeof value !== 'string') throw new RubyError(`no implicit conversion of ${className(value)} into String (in ${method})`);
  return value;
}

function splitLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function regexpIndex(re: RRegexp, s: string, from: number): number {
  const g = re.global();
  g.lastIndex = from;
  const m = g.exec(s);
  return m ? m.index : -1;
}

function escapeRegexp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
}

/** Character set syntax of tr/count/delete: `a-z`, leading `^` negates (negation not needed here). */
function expandCharSet(spec: string): string[] {
  const chars: string[] = [];
  const list = [...spec];
  for (let i = 0; i < list.length; i++) {
    if (list[i + 1] === '-' && i + 2 < list.length) {
      for (let c = list[i].charCodeAt(0); c <= list[i + 2].charCodeAt(0); c++) chars.push(String.fromCharCode(c));
      i += 2;
    } else chars.push(list[i]);
  }
  return chars;
}

function charSet(spec: string): Set<string> {
  return new Set(expandCharSet(spec));
}

function translate(s: string, from: string, to: string): string {
  const source = expandCharSet(from);
  const target = expandCharSet(to);
  return [...s]
    .map((c) => {
      const i = source.indexOf(c);
      if (i < 0) return c;
      return target.length === 0 ? '' : target[Math.min(i, target.length - 1)];
    })
    .join('');
}

function justify(s: string, how: string, width: number, pad: string): string {
  const missing = width - s.length;
  if (missing <= 0) return s;
  const fill = (n: number): string => pad.repeat(Math.ceil(n / pad.length)).slice(0, n);
  if (how === 'ljust') return s + fill(missing);
  if (how === 'rjust') return fill(missing) + s;
  const left = Math.floor(missing / 2);
  return fill(left) + s + fill(missing - left);
}

/** String#split with Ruby's rules: nil or ' ' splits on whitespace runs; trailing empties dropped. */
function split(s: string, args: RValue[]): RValue[] {
  const pattern = args[0];
  const limit = args.length > 1 ? numberOf(args[1]) : 0;
  let parts: string[];
  if (pattern === undefined || pattern === ' ') {
    const trimmed = s.replace(/^\s+/, '');
    if (trimmed === '') return [];
    if (limit > 0) {
      parts = [];
      let rest = trimmed;
      while (parts.length < limit - 1) {
        const m = /\s+/.exec(rest);
        if (!m) break;
        parts.push(rest.slice(0, m.index));
        rest = rest.slice(m.index + m[0].length);
      }
      parts.push(rest);
      return parts;
    }
    parts = trimmed.split(/\s+/);
  } else if (pattern instanceof RRegexp) {
    parts = s.split(pattern.global()).map((p) => p ?? '');
    if (parts.length && parts[0] === '' && s.length > 0 && pattern.regexp.exec(s)?.index === 0 && pattern.regexp.exec(s)?.[0] === '') parts.shift();
  } else {
    const sep = toS(pattern);
    parts = sep === '' ? [...s] : s.split(sep);
    if (limit > 0 && parts.length > limit) parts = [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(sep)];
  }
  if (limit === 0) while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** sub/gsub with a string or regexp pattern and a replacement string (`\1`, `\0`), hash or block. */
function substitute(rt: RubyRuntime, s: string, global: boolean, args: RValue[], block: RBlock | undefined): string {
  argCount(args, block ? 1 : 2, 2, global ? 'gsub' : 'sub');
  const pattern = args[0];
  const re =
    pattern instanceof RRegexp
      ? global ? pattern.global() : pattern.regexp
      : new RegExp(escapeRegexp(stringArg(pattern, 'gsub')), global ? 'g' : '');
  const replacement = args[1];
  return s.replace(re, (...found: unknown[]) => {
    const hasGroups = typeof found[found.length - 1] === 'object';
    const groupsEnd = found.length - (hasGroups ? 3 : 2);
    const match = found.slice(0, groupsEnd) as (string | undefined)[];
    const offset = found[groupsEnd] as number;
    if (block || replacement instanceof Map) {
      const array = Object.assign([...match], { index: offset, input: s }) as unknown as RegExpExecArray;
      rt.setLastMatch(new RMatch(array, s));
      if (replacement instanceof Map) return toS(replacement.get(match[0]));
      return toS(block!.call([match[0]]));
    }
    const template = stringArg(replacement, 'gsub');
    return template.replace(/\\(\d|&|`|'|\\|k<(\w+)>)/g, (_all, ref: string) => {
      if (ref === '&') return match[0] ?? '';
      if (ref === '\\') return '\\';
      if (ref === '`') return s.slice(0, offset);
      if (ref === "'") return s.slice(offset + (match[0] ?? '').length);
      if (/^\d$/.test(ref)) return match[Number(ref)] ?? '';
      return '';
    });
  });
}

function stringIndex(s: string, args: RValue[]): RValue {
  const chars = [...s];
  const [first, second] = args;
  if (first instanceof RRegexp) {
    const m = first.regexp.exec(s);
    if (!m) return undefined;
    return m[isInteger(second) ? second : 0] ?? undefined;
  }
  if (typeof first === 'string') return s.includes(first) ? first : undefined;
  if (first instanceof RRange) {
    const from = normalizeIndex(numberOf(first.from), chars.length);
    if (from === undefined || from > chars.length) return undefined;
    let to = first.to === undefined ? chars.length - 1 : numberOf(first.to);
    if (to < 0) to += chars.length;
    if (first.exclusive) to -= 1;
    return chars.slice(from, to + 1).join('');
  }
  if (isNumeric(first)) {
    const at = normalizeIndex(numberOf(first), chars.length);
    if (second !== undefined) {
      if (at === undefined || at > chars.length) return undefined;
      return chars.slice(at, at + numberOf(second)).join('');
    }
    return at === undefined || at >= chars.length ? undefined : chars[at];
  }
  throw new RubyError(`no implicit conversion of ${className(first)} into Integer`);
}

function normalizeIndex(i: number, length: number): number | undefined {
  const at = i < 0 ? i + length : i;
  return at < 0 ? undefined : at;
}

/** `'%{name} is %<n>05d' % { name: 'x', n: 3 }`: named references into a hash (symbol keys). */
export function formatNamed(spec: string, values: Map<RValue, RValue>): string {
  const get = (name: string): RValue => {
    const key = [...values.keys()].find((k) => (k instanceof RSymbol ? k.name : k) === name);
    if (key === undefined && !values.has(name)) throw new RubyError(`key<${name}> not found`);
    return values.get(key);
  };
  return spec
    .replace(/%\{(\w+)\}/g, (_all, name: string) => toS(get(name)))
    .replace(/%<(\w+)>([-+ 0#]*\d*(?:\.\d+)?[sdifeEgGxXobBp])/g, (_all, name: string, conv: string) => format(`%${conv}`, [get(name)]));
}

/** Kernel#format / String#%: flags, width, precision; %s %d %i %f %e %g %x %o %b %p %%. */
export function format(spec: string, values: RValue[]): string {
  let next = 0;
  return spec.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdifeEgGxXobBp%])/g, (_all, flags: string, widthSpec: string | undefined, precisionSpec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const width = widthSpec === '*' ? numberOf(values[next++]) : widthSpec ? Number(widthSpec) : 0;
    const precision = precisionSpec !== undefined ? Number(precisionSpec) : undefined;
    const value = values[next++];
    let text: string;
    switch (conv) {
      case 's':
        text = toS(value);
        if (precision !== undefined) text = text.slice(0, precision);
        break;
      case 'p':
        text = inspect(value);
        break;
      case 'd':
      case 'i':
        text = String(Math.trunc(typeof value === 'string' ? Number(value) : numberOf(value)));
        break;
      case 'f':
        text = (typeof value === 'string' ? Number(value) : numberOf(value)).toFixed(precision ?? 6);
        break;
      case 'e':
      case 'E': {
        const [m, e] = numberOf(value).toExponential(precision ?? 6).split('e');
        text = `${m}e${e[0]}${e.slice(1).padStart(2, '0')}`;
        if (conv === 'E') text = text.toUpperCase();
        break;
      }
      case 'g':
      case 'G':
        text = formatFloat(numberOf(value));
        break;
      case 'x':
      case 'X':
        text = Math.trunc(numberOf(value)).toString(16);
        if (conv === 'X') text = text.toUpperCase();
        break;
      case 'o':
        text = Math.trunc(numberOf(value)).toString(8);
        break;
      default:
        text = Math.trunc(numberOf(value)).toString(2);
    }
    if (flags.includes('+') && /[dieEfg]/.test(conv) && !text.startsWith('-')) text = `+${text}`;
    if (text.length < width) {
      if (flags.includes('-')) text = text.padEnd(width);
      else if (flags.includes('0') && conv !== 's') {
        const sign = /^[+-]/.test(text) ? text[0] : '';
        text = sign + text.slice(sign.length).padStart(width - sign.length, '0');
      } else text = text.padStart(width);
    }
    return text;
  });
}

