// String functions of Puppet 7's core: regsubst, split, join, match, versioncmp, case conversion
// and whitespace trimming. Regexps follow Ruby's syntax and semantics (see values.ts).

import { PapplyError } from '../../../errors.js';
import { PatternType, RegexpType, TypeType } from '../../types/index.js';
import { formatValue } from '../../value-format.js';
import { PRegexp, isArray, isHash, translateRubyRegexp, type PHash, type Value } from '../../values.js';
import { registerFunction } from '../registry.js';
import { checkArity, checkParam, type } from './signature.js';
import { rubyToS } from './sprintf.js';

/** A regexp argument: a String (compiled as a regexp), a Regexp, or `Regexp[/x/]` / `Pattern[/x/]`. */
function regexpSource(fn: string, name: string, value: Value, expected = type('Variant', type('String'), type('Regexp'))): string {
  if (typeof value === 'string') return value;
  if (value instanceof PRegexp) return value.source;
  if (value instanceof RegexpType && value.pattern) return value.pattern.source;
  if (value instanceof TypeType && value.type instanceof RegexpType && value.type.pattern) return value.type.pattern.source;
  if (value instanceof PatternType && value.patterns.length) return value.patterns.map((p) => p.source).join('|');
  checkParam(fn, name, expected, value);
  throw new PapplyError(`'${fn}' parameter '${name}' expects a String or Regexp value`);
}

/** Ruby's sub/gsub replacement text: `\0` `\&` whole match, `\1`..`\9`, `\k<name>`, `` \` `` `\'`, `\\`. */
function expandReplacement(replacement: string, match: RegExpExecArray, input: string): string {
  return replacement.replace(/\\(\d|&|`|'|\\|k<(\w+)>)/g, (_, token: string, name?: string) => {
    if (name !== undefined) return match.groups?.[name] ?? '';
    if (token === '&' || token === '0') return match[0];
    if (token === '`') return input.slice(0, match.index);
    if (token === "'") return input.slice(match.index + match[0].length);
    if (token === '\\') return '\\';
    return match[Number(token)] ?? '';
  });
}

function regsubstOne(target: string, regexp: RegExp, replacement: string | PHash, global: boolean): string {
  let out = '';
  let last = 0;
  regexp.lastIndex = 0;
  for (let m = regexp.exec(target); m; m = regexp.exec(target)) {
    out += target.slice(last, m.index);
    out += typeof replacement === 'string' ? expandReplacement(replacement, m, target) : formatValue(replacement.get(m[0]));
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      // An empty match: copy one character and move on, as Ruby does.
      if (m.index < target.length) out += target[m.index];
      last = m.index + 1;
      regexp.lastIndex = m.index + 1;
    }
    if (!global) break;
  }
  return out + target.slice(Math.min(last, target.length));
}

registerFunction('regsubst', (_ctx, args) => {
  checkArity('regsubst', args, 3, 5);
  const [target, pattern, replacement, flags, encoding] = args;
  checkParam('regsubst', 'target', type('Variant', type('Array', type('String')), type('String')), target);
  const source = regexpSource('regsubst', 'pattern', pattern);
  checkParam('regsubst', 'replacement', type('Variant', type('String'), type('Hash', type('String'), type('String'))), replacement);
  checkParam('regsubst', 'flags', type('Optional', type('Pattern', new PRegexp('^[GEIM]*$'))), flags);
  checkParam('regsubst', 'encoding', type('Optional', type('Enum', 'N', 'E', 'S', 'U')), encoding);
  if (typeof pattern !== 'string' && typeof flags === 'string' && !/^G?$/.test(flags)) {
    // With a Regexp pattern Puppet's second signature applies, which only knows the G flag.
    throw new PapplyError(
      "The function 'regsubst' was called with arguments it does not accept. It expects one of:\n" +
        "  (Variant[Array[String], String] target, String pattern, Variant[String, Hash[String, String]] replacement, Pattern[/^[GEIM]*$/] flags?, Enum['E', 'N', 'S', 'U'] encoding?)\n" +
        `    rejected: parameter 'pattern' expects a String value, got ${pattern instanceof PRegexp ? 'Regexp' : 'Type[Regexp]'}\n` +
        '  (Variant[Array[String], String] target, Variant[Regexp, Type[Regexp]] pattern, Variant[String, Hash[String, String]] replacement, Pattern[/^G?$/] flags?)\n' +
        `    rejected: parameter 'flags' expects a match for Pattern[/^G?$/], got '${flags}'`,
    );
  }
  const options = (flags as string | undefined) ?? '';
  // E (extended), M (dot matches newline) and I (ignore case) as Ruby inline options.
  const inline = [options.includes('I') ? 'i' : '', options.includes('M') ? 'm' : '', options.includes('E') ? 'x' : ''].join('');
  const translated = translateRubyRegexp(inline ? `(?${inline}:${source})` : source);
  const regexp = new RegExp(translated, 'gm');
  const global = options.includes('G');
  const apply = (s: string) => regsubstOne(s, regexp, replacement as string | PHash, global);
  return isArray(target) ? target.map((t) => apply(t as string)) : apply(target as string);
});

registerFunction('split', (_ctx, args) => {
  checkArity('split', args, 2);
  const [text, pattern] = args;
  checkParam('split', 'str', type('String'), text);
  const source = regexpSource('split', 'pattern', pattern, type('Variant', type('String'), type('Regexp'), type('Type', type('Regexp'))));
  const parts = (text as string).split(new RegExp(translateRubyRegexp(source), 'm')).map((p) => p ?? '');
  // Ruby drops trailing empty fields.
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
});

/** Ruby's Array#join: nested arrays joined too, other elements by their Ruby `to_s`. */
function joinLeaves(values: Value[], separator: string): string {
  return values.map((v) => (isArray(v) ? joinLeaves(v, separator) : rubyToS(v))).join(separator);
}

registerFunction('join', (_ctx, args) => {
  checkArity('join', args, 1, 2);
  checkParam('join', 'arg', type('Array'), args[0]);
  if (args.length > 1) checkParam('join', 'delimiter', type('String'), args[1]);
  return joinLeaves(args[0] as Value[], (args[1] as string | undefined) ?? '');
});

registerFunction('match', (_ctx, args) => {
  checkArity('match', args, 2);
  const [subject, pattern] = args;
  const regexp = new RegExp(translateRubyRegexp(regexpSource('match', 'pattern', pattern)), 'm');
  checkParam('match', 'string', type('Variant', type('String'), type('Array', type('String'))), subject);
  const matchOne = (s: Value): Value => {
    const m = regexp.exec(s as string);
    return m ? [...m].map((g) => g ?? undefined) : undefined;
  };
  return isArray(subject) ? subject.map(matchOne) : matchOne(subject);
});

/** Puppet::Util::Package.versioncmp. */
function versionCompare(a: string, b: string): number {
  const tokens = (v: string) => v.match(/[-.]|\d+|[^-.\d]+/g) ?? [];
  const ax = tokens(a);
  const bx = tokens(b);
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  while (ax.length && bx.length) {
    const x = ax.shift()!;
    const y = bx.shift()!;
    if (x === y) continue;
    if (x === '-') return -1;
    if (y === '-') return 1;
    if (x === '.') return -1;
    if (y === '.') return 1;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) {
      if (x.startsWith('0') || y.startsWith('0')) return cmp(x.toUpperCase(), y.toUpperCase());
      return cmp(Number(x), Number(y));
    }
    return cmp(x.toUpperCase(), y.toUpperCase());
  }
  return cmp(a, b);
}

registerFunction('versioncmp', (_ctx, args) => {
  checkArity('versioncmp', args, 2, 3);
  checkParam('versioncmp', 'a', type('String'), args[0]);
  checkParam('versioncmp', 'b', type('String'), args[1]);
  return versionCompare(args[0] as string, args[1] as string);
});

/** Applies a string operation to a string, or to every string in an array/hash (keys too), as Puppet 7 does. */
function mapStrings(fn: string, value: Value, op: (s: string) => string, hashes = true): Value {
  if (typeof value === 'string') return op(value);
  if (typeof value === 'number') return value;
  if (isArray(value)) return value.map((v) => mapStrings(fn, v, op, hashes));
  if (hashes && isHash(value)) {
    const out: PHash = new Map();
    for (const [k, v] of value) out.set(mapStrings(fn, k, op, hashes), mapStrings(fn, v, op, hashes));
    return out;
  }
  checkParam(fn, 'arg', type('Variant', type('Numeric'), type('String'), type('Array'), type('Hash')), value);
  return value;
}

const RUBY_SPACE = '[ \\t\\n\\v\\f\\r\\0]';
const stringOps: Record<string, (s: string) => string> = {
  upcase: (s) => s.toUpperCase(),
  downcase: (s) => s.toLowerCase(),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  strip: (s) => s.replace(new RegExp(`^${RUBY_SPACE}+|${RUBY_SPACE}+$`, 'g'), ''),
  lstrip: (s) => s.replace(new RegExp(`^${RUBY_SPACE}+`), ''),
  rstrip: (s) => s.replace(new RegExp(`${RUBY_SPACE}+$`), ''),
  chomp: (s) => s.replace(/(\r\n|\n|\r)$/, ''),
  chop: (s) => (s.endsWith('\r\n') ? s.slice(0, -2) : [...s].slice(0, -1).join('')),
};

for (const [name, op] of Object.entries(stringOps)) {
  registerFunction(name, (_ctx, args) => {
    checkArity(name, args, 1);
    return mapStrings(name, args[0], op, name === 'upcase' || name === 'downcase');
  });
}
