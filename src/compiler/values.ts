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
    this.regexp = new RegExp(translateRubyRegexp(source));
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
 * Ruby (Onigmo) regexp syntax to JavaScript: `\A`, `\z`, `\Z`, `\h`, and `(?<name>` already match;
 * POSIX bracket classes are translated. Inline `(?i)` / `(?m)` flags are left to callers that need them.
 */
export function translateRubyRegexp(source: string): string {
  return source
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\\h/g, '[0-9a-fA-F]')
    .replace(/\[:alpha:\]/g, 'a-zA-Z')
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:alnum:\]/g, 'a-zA-Z0-9')
    .replace(/\[:space:\]/g, '\\s')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:punct:\]/g, '!-\\/:-@\\[-`{-~')
    .replace(/\[:xdigit:\]/g, '0-9a-fA-F')
    .replace(/\[:word:\]/g, '\\w');
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
