// Virtual resource collectors `Type <| query |> { overrides }` and the fixed set `realize()`
// collects. Both are evaluated lazily by the compiler's generator loop until nothing new is found,
// so resources declared after the collector are collected (and overridden) too.

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { CollectExpression } from '../ast.js';
import type { CompiledResource } from '../catalog-builder.js';
import type { AttributeValue, Scope } from '../scope.js';
import type { Value } from '../values.js';
import { compileQuery, type CompiledQuery } from './collector-query.js';
import type { Evaluator } from './evaluator.js';
import { capitalizeTypeName, refString, type RefTarget } from './resource-ref.js';

export interface Collector {
  /** Collects what matches now; true when something new was collected. */
  evaluate(ev: Evaluator): boolean;
  /** Everything collected so far, in catalog order of collection. */
  readonly collected: ReadonlySet<CompiledResource>;
}

/** What a collector that found nothing holds (most wrapper collectors find one resource or none). */
const NOTHING: ReadonlySet<CompiledResource> = new Set();

export class VirtualCollector implements Collector {
  /** Made at the first find: thousands of collectors that find nothing cost no table each. */
  private found?: Set<CompiledResource>;

  constructor(
    readonly type: string,
    private readonly query: CompiledQuery,
    private readonly overrides: AttributeValue[],
  ) {}

  get collected(): ReadonlySet<CompiledResource> {
    return this.found ?? NOTHING;
  }

  evaluate(ev: Evaluator): boolean {
    let progressed = false;
    for (const resource of this.candidates(ev)) {
      if (this.found?.has(resource) || !this.query.matches(resource)) continue;
      (this.found ??= new Set()).add(resource);
      resource.virtual = false;
      progressed = true;
      if (this.overrides.length > 0) ev.applyOverride(resource, this.overrides, true);
    }
    return progressed;
  }

  /** What the query may match, in declaration order: looked up by title or attribute when it can be. */
  private candidates(ev: Evaluator): readonly CompiledResource[] {
    const lookup = this.query.lookup;
    if (!lookup) return ev.builder.resourcesOfType(this.type);
    if (lookup.attribute === 'title') return ev.builder.resourcesTitled(this.type, lookup.text);
    return ev.builder.resourcesWithAttribute(this.type, lookup.attribute, lookup.text);
  }
}

/** `realize(File['/x'])`: the named resources must exist (virtual or not) by the end of the compile. */
export class RealizeCollector implements Collector {
  readonly collected = new Set<CompiledResource>();
  private readonly pending: RefTarget[];

  constructor(
    refs: RefTarget[],
    readonly loc: SourceLocation,
  ) {
    this.pending = [...refs];
  }

  evaluate(ev: Evaluator): boolean {
    let found = false;
    for (let i = 0; i < this.pending.length; ) {
      const ref = this.pending[i]!;
      const resource = ev.builder.find(ref.type, ref.title);
      if (!resource) {
        i++;
        continue;
      }
      resource.virtual = false;
      this.collected.add(resource);
      this.pending.splice(i, 1);
      found = true;
    }
    return found;
  }

  /** Puppet's error for what could never be realized. */
  check(): void {
    if (this.pending.length > 0) {
      throw new PapplyError(`Failed to realize virtual resources ${this.pending.map(refString).join(', ')}`, this.loc);
    }
  }
}

/** A collector must name a resource type or define that exists (Puppet's CollectorTransformer). */
export function checkCollectedType(node: CollectExpression, ev: Evaluator): void {
  const name = node.type.name.replace(/^::/, '').toLowerCase();
  if (name === 'class') throw new PapplyError('Classes cannot be collected', node.loc);
  if (!ev.loader.isResourceType(name) && !ev.loader.findDefine(name, ev)) throw new PapplyError(`Resource type ${name} doesn't exist`, node.loc);
}

export function evaluateVirtualCollect(node: CollectExpression, scope: Scope, ev: Evaluator): Value {
  checkCollectedType(node, ev);
  const type = capitalizeTypeName(node.type.name);
  const query = compileQuery(node.query.query, scope, ev);
  const overrides = ev.evaluateAttributes(node.operations, scope);
  const collector = new VirtualCollector(type, query, overrides);
  ev.addCollector(collector);
  return ev.collectorValue(collector);
}
