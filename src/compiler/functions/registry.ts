// The function registry: built-in functions (Puppet core, the stdlib subset, module functions
// written in TypeScript) are registered by name and called by the evaluator with evaluated
// arguments. Functions are synchronous, as Puppet's are.

import type { SourceLocation } from '../../errors.js';
import type { Logger } from '../log.js';
import type { Value } from '../values.js';

/** A lambda (`|$x| { ... }`) handed to a function, already closed over its scope. */
export interface Closure {
  /** Declared parameter count, and whether the last one captures the rest. */
  readonly arity: number;
  readonly capturesRest: boolean;
  /** The parameters' names, for messages (Puppet names them in some arity errors). */
  readonly parameterNames?: string[];
  call(args: Value[]): Value;
}

/** What a function may ask of the evaluator at its call site. */
export interface CallContext {
  /** Where the call is written, for error messages. */
  readonly loc: SourceLocation;
  /** Look a variable up as the calling scope sees it (`foo`, `::foo`, `a::b::foo`); undefined if unset. */
  lookupVariable(name: string): Value;
  /**
   * Every variable the calling scope sees, innermost first winning (templates' `scope.to_hash`).
   * Optional: contexts without it make `scope.to_hash` an error.
   */
  visibleVariables?(): Map<string, Value>;
  /** Call another function by name (what `scope.function_x` in templates does). */
  callFunction(name: string, args: Value[], block?: Closure): Value;
  /**
   * A module file by Puppet's reference form: `('templates', 'mymod/x.erb')` ->
   * `<modulepath entry>/mymod/templates/x.erb`; an absolute path is returned as is when it exists.
   */
  resolveModuleFile(kind: 'templates' | 'files', reference: string): string | undefined;
  /** Where notice()/warning() ... log; when absent they log to the default logger (./core/logging.ts). */
  readonly logger?: Logger;
  /** The compile's Hiera (hiera.yaml v5), when one is configured. */
  readonly dataLookup?: DataLookup;
  /**
   * The evaluator behind this call (catalog, scope, loaders). Functions that change the catalog
   * (include, create_resources, ensure_resource ...) cast it to the evaluator's own type.
   */
  readonly evaluator: unknown;
}

/** Hiera as the compiler and the lookup/hiera* functions use it (implemented in ../hiera). */
export interface DataLookup {
  /**
   * Looks `key` up through the hierarchy; `scope` interpolates `%{facts.x}`, `%{::x}`, `%{x}`.
   * `merge` is a strategy name ('first' | 'unique' | 'hash' | 'deep') or a hash with a `strategy` key;
   * when absent, `lookup_options` in the data decides, else 'first'. `globalOnly` leaves out the
   * modules' data layers (the legacy hiera*() functions see only the global hiera.yaml).
   */
  lookup(
    key: string,
    scope: { lookupVariable(name: string): Value },
    options?: { merge?: Value; globalOnly?: boolean },
  ): { found: boolean; value?: Value };
}

export type PuppetFunction = (ctx: CallContext, args: Value[], block?: Closure) => Value;

const registry = new Map<string, PuppetFunction>();

export function registerFunction(name: string, fn: PuppetFunction): void {
  registry.set(name, fn);
}

export function lookupFunction(name: string): PuppetFunction | undefined {
  return registry.get(name);
}

export function registeredFunctionNames(): string[] {
  return [...registry.keys()].sort();
}
