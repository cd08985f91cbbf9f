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
import { parseReference, referenceTo, refString, refTarget } from './resource-ref.js';
import { formatValue } from '../value-format.js';
import { aValueLabel } from './value-label.js';

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
  const at = node.opLoc ?? node.loc;
  for (const operand of flattenValues([left, right])) checkOperand(operand, at);
  const forward = node.op === '->' || node.op === '~>';
  ev.relationships.push({
    source: forward ? left : right,
    target: forward ? right : left,
    param: node.op === '->' || node.op === '<-' ? 'before' : 'notify',
    loc: node.loc,
  });
  return right;
}

/** Operands are checked when the chain is evaluated, as Puppet's relationship operator does (at the operator). */
function checkOperand(value: Value, loc: SourceLocation): void {
  if (value instanceof CollectorValue || refTarget(value)) return;
  if (typeof value === 'string') {
    if (!parseReference(value)) throw new PapplyError(`The expression <${value}> is not a valid type specification.`, loc);
    return;
  }
  throw new PapplyError(`Illegal relationship operand, can not form a relationship with ${aValueLabel(value)}. A Catalog type is required.`, loc);
}

/**
 * A relationship operand: a resource found in the catalog, or the reference that found none.
 * `written` is the reference as the chain spelled it: Puppet records that one, so a target found
 * through an alias (`Service['name']` for a service titled otherwise) stays `Service[name]`.
 */
type Operand = { resource: CompiledResource; ref: string; written?: Value } | { resource: undefined; ref: string; written?: Value };

function operandsOf(value: Value, ev: Evaluator, loc: SourceLocation): Operand[] {
  if (Array.isArray(value)) return value.flatMap((v) => operandsOf(v, ev, loc));
  if (value instanceof CollectorValue) return [...value.collector.collected.keys()].map((resource) => ({ resource, ref: resource.ref }));
  // A string is read as a type reference (`'Notify[b]'`), as Puppet's relationship operator does.
  const ref = typeof value === 'string' ? parseReference(value) : refTarget(value);
  if (ref) return [{ resource: ev.builder.find(ref.type, ref.title), ref: refString(ref), written: referenceTo(ref.type, ref.title) }];
  if (value === undefined) return [];
  throw new PapplyError(`Illegal relationship operand, can not form a relationship with ${formatValue(value)}. A Catalog type is required.`, loc);
}

/** Adds `before`/`notify` to each source, with Puppet's errors for references that found nothing. */
export function applyRelationships(relationships: PendingRelationship[], ev: Evaluator): void {
  for (const relationship of relationships) {
    const sources = operandsOf(relationship.source, ev, relationship.loc);
    const targets = operandsOf(relationship.target, ev, relationship.loc);
    for (const source of sources) {
      for (const target of targets) {
        if (!source.resource) throw new PapplyError(`Could not find resource '${source.ref}' for relationship on '${target.ref}'`, relationship.loc);
        if (!target.resource) throw new PapplyError(`Could not find resource '${target.ref}' for relationship from '${source.ref}'`, relationship.loc);
        const current = source.resource.params.get(relationship.param);
        const existing = current ? flattenValues(current.value).filter((v) => v !== undefined) : [];
        source.resource.params.set(relationship.param, {
          name: relationship.param,
          value: [...existing, target.written ?? target.resource.toRef()],
          loc: relationship.loc,
          append: false,
          source: current?.source ?? 'main',
        });
      }
    }
  }
}
