// Runtime values of the Puppet language as the evaluator, functions and templates see them.
//
//   undef    -> undefined
//   String   -> string            Boolean -> boolean
//   Integer  -> number (integral) Float   -> number (non-integral), or PFloat for integral floats (1.0)
//   Array    -> Value[]           Hash    -> Map<Value, Value> (insertion ordered, as Puppet)
//   Regexp   -> PRegexp           default -> DEFAULT
//   Type     -> PType (subclasses live in the type system; resource references are types too)
//   Sensitive-> PSensitive

export type Value =
  | undefined
  | string
  | number
  | boolean
  | PFloat
  | Value[]
  | PHash
  | PRegexp
  | PDefault
  | PType
  | PSensitive;

export type PHash = Map<Value, Value>;

/** A Float whose value is integral (`1.0`): keeps Puppet's Integer/Float distinction where it shows. */
export class PFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return Number.isInteger(this.value) ? this.value.toFixed(1) : String(this.value);
  }
}

export class PRegexp {
  readonly regexp: RegExp;
  constructor(readonly source: string) {
    this.regexp = rubyRegExp(source);
  }
  toString(): string {
    return `/${this.source}/`;
  }
}

export class PDefault {
  static readonly instance = new PDefault();
  private constructor() {}
  toString(): string {
    return 'default';
  }
}
export const DEFAULT = PDefault.instance;

export class PSensitive {
  constructor(readonly value: Value) {}
  toString(): string {
    return 'Sensitive [value redacted]';
  }
}

/**
 * Base of every Puppet data type value (`String[1]`, `Optional[Integer]`, `File['/x']`, `Class[foo]`).
 * The type system extends it; `toString()` must give Puppet's own rendering (`String[1]`).
 */
export abstract class PType {
  abstract toString(): string;
  /** True when `value` is an instance of this type. */
  abstract isInstance(value: Value): boolean;
}

/**
 * Ruby (Onigmo) regexp syntax to JavaScript: `\A`, `\z`, `\Z` become lookarounds (so they keep
 * meaning string start/end under the `m` flag that gives `^`/`$` Ruby's line semantics), `\h`/`\H`
 * and POSIX bracket classes are expanded, and inline option groups `(?i)`, `(?i:...)`, `(?m:...)`,
 * `(?x:...)`, `(?mi-x:...)` are rewritten (letters case-expanded, `.` matching newlines, extended
 * whitespace dropped) because JavaScript has no inline options. `(?<name>...)` is the same in both.
 */
export function translateRubyRegexp(source: string): string {
  return new RubyRegexpTranslator(source).translate();
}

// Onigmo's POSIX classes are Unicode-aware on UTF-8 strings; Latin letters beyond ASCII are covered.
const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f',
  digit: '0-9',
  alnum: 'a-zA-Z0-9\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f',
  space: '\\s',
  upper: 'A-Z\\u00c0-\\u00d6\\u00d8-\\u00de',
  lower: 'a-z\\u00b5\\u00df-\\u00f6\\u00f8-\\u00ff',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9a-fA-F',
  word: '\\w\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e\\u00a0-\\uffff',
  graph: '\\x21-\\x7e\\u00a1-\\uffff',
};

interface RegexpOptions {
  ignoreCase: boolean;
  dotAll: boolean;
  extended: boolean;
}

class RubyRegexpTranslator {
  private pos = 0;
  constructor(private readonly source: string) {}

  translate(): string {
    return this.sequence({ ignoreCase: false, dotAll: false, extended: false }, false);
  }

  /** Translates up to the end (or the `)` closing the current group when `inGroup`). */
  private sequence(options: RegexpOptions, inGroup: boolean): string {
    let out = '';
    const src = this.source;
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (c === ')' && inGroup) return out;
      if (c === '\\') {
        out += this.escape(options);
      } else if (c === '[') {
        out += this.characterClass(options);
      } else if (c === '(') {
        out += this.group(options);
      } else if (c === '.' && options.dotAll) {
        out += '[\\s\\S]';
        this.pos++;
      } else if (options.extended && /\s/.test(c)) {
        this.pos++;
      } else if (options.extended && c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else {
        out += options.ignoreCase ? caseExpanded(c) : c;
        this.pos++;
      }
    }
    return out;
  }

  private escape(options: RegexpOptions): string {
    const next = this.source[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z':
        return '(?=\\n?(?![\\s\\S]))';
      case 'h':
        return '[0-9a-fA-F]';
      case 'H':
        return '[^0-9a-fA-F]';
      case undefined:
        return '\\\\';
      default:
        if (options.ignoreCase && /[a-zA-Z]/.test(next) && !/[dDwWsSbBnrtfvxuckpP0-9]/.test(next)) return caseExpanded(next);
        return `\\${next}`;
    }
  }

  private characterClass(options: RegexpOptions): string {
    const src = this.source;
    let out = '[';
    this.pos++;
    if (src[this.pos] === '^') {
      out += '^';
      this.pos++;
    }
    let first = true;
    while (this.pos < src.length && (src[this.pos] !== ']' || first)) {
      first = false;
      const rest = src.slice(this.pos);
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix && POSIX_CLASSES[posix[2]] && !posix[1]) {
        out += POSIX_CLASSES[posix[2]];
        this.pos += posix[0].length;
        continue;
      }
      if (src[this.pos] === '\\') {
        const next = src[this.pos + 1];
        out += next === 'h' ? '0-9a-fA-F' : `\\${next ?? '\\'}`;
        this.pos += 2;
        continue;
      }
      const range = /^([a-zA-Z])-([a-zA-Z])/.exec(rest);
      if (range) {
        out += range[0];
        if (options.ignoreCase) out += swapCase(range[1]) + '-' + swapCase(range[2]);
        this.pos += 3;
        continue;
      }
      const c = src[this.pos];
      out += c === '[' ? '\\[' : c;
      if (options.ignoreCase && swapCase(c) !== c) out += swapCase(c);
      this.pos++;
    }
    this.pos++;
    return `${out}]`;
  }

  private group(options: RegexpOptions): string {
    const rest = this.source.slice(this.pos);
    const inline = /^\(\?([imx]*)(?:-([imx]*))?(:|\))/.exec(rest);
    if (inline && (inline[1] || inline[2])) {
      const scoped = applyOptions(options, inline[1], inline[2] ?? '');
      this.pos += inline[0].length;
      if (inline[3] === ')') {
        // `(?i)`: applies to the rest of the enclosing group.
        return this.sequence(scoped, true);
      }
      const body = this.sequence(scoped, true);
      this.pos++;
      return `(?:${body})`;
    }
    const opener = /^\((\?(?:[:=!>]|<[=!]|<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*'))?/.exec(rest)![0];
    this.pos += opener.length;
    const body = this.sequence(options, true);
    this.pos++;
    // Ruby's `(?>...)` (atomic) and `(?'name'...)` have no JS form; a plain/named group is the closest.
    const jsOpener = opener === '(?>' ? '(?:' : opener.replace(/^\(\?'([^']+)'$/, '(?<$1>');
    return `${jsOpener}${body})`;
  }
}

function applyOptions(options: RegexpOptions, on: string, off: string): RegexpOptions {
  return {
    ignoreCase: (options.ignoreCase || on.includes('i')) && !off.includes('i'),
    dotAll: (options.dotAll || on.includes('m')) && !off.includes('m'),
    extended: (options.extended || on.includes('x')) && !off.includes('x'),
  };
}

function swapCase(c: string): string {
  const lower = c.toLowerCase();
  return lower === c ? c.toUpperCase() : lower;
}

function caseExpanded(c: string): string {
  const other = swapCase(c);
  return other === c ? c : `[${c}${other}]`;
}

/** A JavaScript RegExp with Ruby's semantics for `source` (`^`/`$` match at line boundaries). */
export function rubyRegExp(source: string, flags = ''): RegExp {
  return new RegExp(translateRubyRegexp(source), `m${flags.replace(/m/g, '')}`);
}

export function isHash(value: Value): value is PHash {
  return value instanceof Map;
}

export function isArray(value: Value): value is Value[] {
  return Array.isArray(value);
}

/** Puppet truthiness: only undef and false are false. */
export function isTruthy(value: Value): boolean {
  return value !== undefined && value !== false;
}

/** A plain JS object/array/scalar (from JSON, YAML, facts) as Puppet values: objects become Maps. */
export function fromPlain(plain: unknown): Value {
  if (plain === null || plain === undefined) return undefined;
  if (Array.isArray(plain)) return plain.map(fromPlain);
  if (plain instanceof Map) return plain as PHash;
  if (typeof plain === 'object') {
    const hash: PHash = new Map();
    for (const [k, v] of Object.entries(plain as Record<string, unknown>)) hash.set(k, fromPlain(v));
    return hash;
  }
  if (typeof plain === 'string' || typeof plain === 'number' || typeof plain === 'boolean') return plain;
  return String(plain);
}
