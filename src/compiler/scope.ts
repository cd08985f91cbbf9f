// Puppet's scopes. Variables are looked up lexically the way Puppet 4+ does (local -> enclosing,
// class -> inherited class -> node -> top), while resource defaults follow the dynamic parent chain
// (the scope that declared the class or define), as Puppet still does.

import { PapplyError, type SourceLocation } from '../errors.js';
import type { Value } from './values.js';
import type { CompiledResource } from './catalog-builder.js';

export type ScopeKind = 'top' | 'node' | 'class' | 'define' | 'local';

/** A value given to a resource attribute, with where and by whom it was set. */
export interface AttributeValue {
  name: string;
  value: Value;
  loc: SourceLocation;
  /** `+>`: append to the current value when overriding. */
  append: boolean;
  /** The class/define (lowercase name, `main`, or `node`) whose code set it: override permissions. */
  source: string;
}

/** Thrown by a lookup of a parameter whose default has not been evaluated yet. */
export class UnevaluatedParameter {
  constructor(readonly name: string) {}
}

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Resource defaults declared in this scope: lowercase type -> attribute -> value. */
  defaults?: Map<string, Map<string, AttributeValue>>;
  /**
   * Puppet's ephemeral match scopes: each successful match pushes its `$0`..`$n`; if/unless/case/
   * selector pop what they pushed when they end, so only statement-level matches outlive them.
   */
  private readonly matches: (string | undefined)[][] = [];
  /** While a class/define binds its parameters: those still waiting for their default expression. */
  unevaluatedParameters?: Set<string>;
  /** A function body starts without the caller's matches (Puppet runs it in the bare global scope). */
  isolatesMatches = false;

  /**
   * @param parent dynamic parent (who declared this class/define): resource defaults come from there
   * @param enclosing where unqualified variables not found here are looked up next
   * @param resource the class/define/node resource whose body this scope evaluates (the container)
   * @param source the class/define name owning the code (`main` at top), for override permissions
   */
  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | undefined,
    readonly enclosing: Scope | undefined,
    readonly resource: CompiledResource | undefined,
    readonly source: string,
  ) {}

  /** A lambda scope: sees this scope's variables, shares its container and defaults. */
  newLocal(): Scope {
    return new Scope('local', this, this, this.resource, this.source);
  }

  /** Assigns a variable once; Puppet variables are immutable. */
  set(name: string, value: Value, loc: SourceLocation): void {
    if (this.vars.has(name)) {
      // Puppet's wording names $name and $title (its reserved parameters) as built in.
      const what = name === 'name' || name === 'title' ? 'built in (or already assigned) variable' : 'variable';
      throw new PapplyError(`Cannot reassign ${what} '$${name}'`, loc);
    }
    this.vars.set(name, value);
  }

  /** Unqualified lookup through the lexical chain; `found` tells undef apart from unknown. */
  lookup(name: string): { found: boolean; value: Value } {
    for (let scope: Scope | undefined = this; scope; scope = scope.enclosing) {
      if (scope.vars.has(name)) return { found: true, value: scope.vars.get(name) };
      if (scope.unevaluatedParameters?.has(name)) throw new UnevaluatedParameter(name);
    }
    return { found: false, value: undefined };
  }

  /** `$thisclass::name` from outside: this class scope and the classes it inherits from, not top scope. */
  lookupInClass(name: string): { found: boolean; value: Value } {
    for (let scope: Scope | undefined = this; scope && scope.kind === 'class'; scope = scope.enclosing) {
      if (scope.vars.has(name)) return { found: true, value: scope.vars.get(name) };
    }
    return { found: false, value: undefined };
  }

  /** A successful match: its groups become `$0`..`$n` here until the enclosing guard ends. */
  pushMatch(groups: (string | undefined)[]): void {
    this.matches.push(groups);
  }

  /** Runs `body` so that the matches it makes in this scope are forgotten afterwards (Puppet's with_guarded_scope). */
  guardMatches<T>(body: () => T): T {
    const depth = this.matches.length;
    try {
      return body();
    } finally {
      this.matches.length = depth;
    }
  }

  /**
   * `$n` from the latest match still visible: this scope's, else the enclosing scope's as it is
   * now (a class body sees the match its includer is inside of, as in Puppet).
   */
  lookupMatch(index: number): Value {
    for (let scope: Scope | undefined = this; scope; scope = scope.enclosing) {
      const latest = scope.matches[scope.matches.length - 1];
      if (latest) return latest[index];
      if (scope.isolatesMatches) break;
    }
    return undefined;
  }

  /** Lambda scopes are ephemeral in Puppet: defaults set there belong to the enclosing real scope. */
  setDefault(type: string, attribute: AttributeValue): void {
    if (this.kind === 'local' && this.parent) {
      this.parent.setDefault(type, attribute);
      return;
    }
    this.defaults ??= new Map();
    let forType = this.defaults.get(type);
    if (!forType) this.defaults.set(type, (forType = new Map()));
    forType.set(attribute.name, attribute);
  }

  /** Defaults for `type` visible here: outermost first, inner scopes override. */
  lookupDefaults(type: string): Map<string, AttributeValue> | undefined {
    const chain: Scope[] = [];
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) chain.push(scope);
    let result: Map<string, AttributeValue> | undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const own = chain[i]!.defaults?.get(type);
      if (!own) continue;
      result ??= new Map();
      for (const [name, attribute] of own) result.set(name, attribute);
    }
    return result;
  }
}
