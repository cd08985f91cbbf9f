// What Ruby method implementations share: blocks, errors, the regexp match state.

import type { RValue } from './ruby-values.js';

// The Ruby exception classes templates may rescue, each with its ancestors.
const EXCEPTION_ANCESTORS: Record<string, string[]> = {
  StandardError: ['Exception'],
  RuntimeError: ['StandardError', 'Exception'],
  ArgumentError: ['StandardError', 'Exception'],
  'IPAddr::InvalidAddressError': ['ArgumentError', 'StandardError', 'Exception'],
  TypeError: ['StandardError', 'Exception'],
  NameError: ['StandardError', 'Exception'],
  NoMethodError: ['NameError', 'StandardError', 'Exception'],
  ZeroDivisionError: ['StandardError', 'Exception'],
  IndexError: ['StandardError', 'Exception'],
  KeyError: ['IndexError', 'StandardError', 'Exception'],
};

/** The Ruby class an interpreter error message corresponds to. */
function classOfMessage(message: string): string {
  if (/^undefined method/.test(message)) return 'NoMethodError';
  if (/^undefined local variable/.test(message)) return 'NameError';
  if (/no implicit conversion|can't be coerced|type mismatch|wrong argument type/.test(message)) return 'TypeError';
  if (/divided by 0/.test(message)) return 'ZeroDivisionError';
  if (/^key not found/.test(message)) return 'KeyError';
  if (/^index .* outside/.test(message)) return 'IndexError';
  if (/wrong number of arguments|^invalid value|^comparison of/.test(message)) return 'ArgumentError';
  return 'RuntimeError';
}

/** A Ruby error inside a template; the interpreter adds the template file and line. */
export class RubyError extends Error {
  /** The Ruby exception class; undefined for papply's own limits, which no `rescue` catches. */
  readonly rubyClass: string | undefined;

  constructor(
    message: string,
    public line?: number,
    rubyClass?: string,
  ) {
    super(message);
    this.name = 'RubyError';
    this.rubyClass = message.startsWith('unsupported Ruby') ? undefined : (rubyClass ?? classOfMessage(message));
  }

  /** Whether `rescue <className>` catches this error (a bare rescue means StandardError). */
  rescuedBy(className: string): boolean {
    if (!this.rubyClass) return false;
    const name = className.replace(/^::/, '');
    return this.rubyClass === name || (EXCEPTION_ANCESTORS[this.rubyClass] ?? ['StandardError', 'Exception']).includes(name);
  }
}

/** A rescued exception as the template sees it (`e.message`, `e.class`). */
export class RException {
  constructor(
    readonly className: string,
    readonly message: string,
  ) {}
}

/** A block (`do |a, b| ... end`, `{ |x| }`, `&:sym`) with Ruby's proc argument semantics. */
export interface RBlock {
  /** Declared parameter count (Hash#each and friends yield pairs that are splat over two params). */
  readonly arity: number;
  call(args: RValue[]): RValue;
}

/** `break` out of a block: ends the method that yielded with the given value. */
export class BreakSignal {
  constructor(readonly value: RValue) {}
}

/** `next` in a block: ends this iteration with the given value. */
export class NextSignal {
  constructor(readonly value: RValue) {}
}

/** A MatchData (`str.match(re)`, `$~`). */
export class RMatch {
  constructor(
    readonly match: RegExpExecArray,
    readonly input: string,
  ) {}
  group(n: number | string): RValue {
    const value = typeof n === 'number' ? this.match[n] : this.match.groups?.[n];
    return value === undefined ? undefined : value;
  }
}

/** Interpreter services the method implementations call back into. */
export interface RubyRuntime {
  callMethod(receiver: RValue, name: string, args: RValue[], block: RBlock | undefined): RValue;
  setLastMatch(match: RMatch | undefined): void;
}

export function requireBlock(block: RBlock | undefined, method: string): RBlock {
  if (!block) throw new RubyError(`${method} without a block is not supported (no Enumerator)`);
  return block;
}

export function argCount(args: RValue[], min: number, max: number, method: string): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `${min}+` : `${min}..${max}`;
    throw new RubyError(`wrong number of arguments calling '${method}' (given ${args.length}, expected ${expected})`);
  }
}
