// Relationship chains (`->`, `~>`, `<-`, `<~`). Like Puppet, they are resolved when the compile
// finishes (collectors have collected by then) and become `before`/`notify` metaparameters of the
// source resources, always as arrays appended to what was there.

import { PapplyError, type SourceLocation } from '../../errors.js';
import type { RelationshipExpression } from '../ast.js';
import { flattenValues, type CompiledResource } from '../catalog-builder.js';
import type { Scope } from '../scope.js';
import { PType, type Value } from '../values.js';
import type { Collector } from './collector-virtual.js';
import type { Evaluator } from './evaluator.js';
import { refString, refTarget } from './resource-ref.js';
import { formatValue } from '../value-format.js';

/** A collector used as a value (`Package <| |> -> Service <| |>`). */
export class CollectorValue extends PType {
  constructor(readonly collector: Collector) {
    super();
  }
  toString(): string {
    return 'Collector';
  }
  isInstance(): boolean {
    return false;
  }
}

export interface PendingRelationship {
  source: Value;
  target: Value;
  param: 'before' | 'notify';
  loc: SourceLocation;
}

export function evaluateRelationship(node: RelationshipExpression, scope: Scope, ev: Evaluator): Value {
  const left = ev.evaluate(node.left, scope);
  const right = ev.evaluate(node.right, scope);
  const forward = node.op === '->' || node.op === '~>';
  ev.relationships.push({
    source: forward ? left : right,
    target: forward ? right : left,
    param: node.op === '->' || node.op === '<-' ? 'before' : 'notify',
    loc: node.loc,
  });
  return right;
}

function describe(value: Value): string {
  const ref = refTarget(value);
  return ref ? refString(ref) : formatValue(value);
}

function resourcesOf(value: Value, other: Value, ev: Evaluator, loc: SourceLocation): CompiledResource[] {
  if (Array.isArray(value)) return value.flatMap((v) => resourcesOf(v, other, ev, loc));
  if (value instanceof CollectorValue) return [...value.collector.collected.keys()];
  const ref = refTarget(value);
  if (ref) {
    const resource = ev.builder.find(ref.type, ref.title);
    if (!resource) throw new PapplyError(`Could not find resource '${refString(ref)}' for relationship on '${describe(other)}'`, loc);
    return [resource];
  }
  if (value === undefined) return [];
  throw new PapplyError(`Illegal relationship operand, can not form a relationship with ${describe(value)}. A Catalog type is required.`, loc);
}

export function applyRelationships(relationships: PendingRelationship[], ev: Evaluator): void {
  for (const relationship of relationships) {
    const sources = resourcesOf(relationship.source, relationship.target, ev, relationship.loc);
    const targets = resourcesOf(relationship.target, relationship.source, ev, relationship.loc);
    for (const source of sources) {
      for (const target of targets) {
        const current = source.params.get(relationship.param);
        const existing = current ? flattenValues(current.value).filter((v) => v !== undefined) : [];
        source.params.set(relationship.param, {
          name: relationship.param,
          value: [...existing, target.toRef()],
          loc: relationship.loc,
          append: false,
          source: current?.source ?? 'main',
        });
      }
    }
  }
}
