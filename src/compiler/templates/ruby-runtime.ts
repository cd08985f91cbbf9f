// What Ruby method implementations share: blocks, errors, the regexp match state.

import type { RValue } from './ruby-values.js';

/** A Ruby error inside a template; the interpreter adds the template file and line. */
export class RubyError extends Error {
  constructor(
    message: string,
    public line?: number,
  ) {
    super(message);
    this.name = 'RubyError';
  }
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
