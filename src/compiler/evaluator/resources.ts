// Resource declarations (`file { '/x': }`, `@user {}`, `@@sshkey {}`, `class { 'x': }`), resource
// defaults (`File { mode => '0644' }`) and reference overrides (`File['/x'] { mode => '0600' }`).

import { PapplyError } from '../../errors.js';
import type { Expression, ResourceDefaultsExpression, ResourceExpression, ResourceOverrideExpression } from '../ast.js';
import { flattenValues } from '../catalog-builder.js';
import type { AttributeValue, Scope } from '../scope.js';
import { PDefault, type Value } from '../values.js';
import type { Evaluator } from './evaluator.js';
import { refTarget } from './resource-ref.js';
import { generalize, ResourceType, typeOf } from '../types/index.js';
import { formatValue } from '../value-format.js';

/** The lowercase type name a resource expression declares (`file`, `foo::bar`, `class`). */
function declaredTypeName(type: Expression, scope: Scope, ev: Evaluator): string {
  if (type.kind === 'QualifiedName' || type.kind === 'TypeReference') return type.name.replace(/^::/, '').toLowerCase();
  const value = ev.evaluate(type, scope);
  if (value instanceof ResourceType && value.typeName !== undefined && value.title === undefined) return value.typeName.toLowerCase();
  if (typeof value === 'string') return value.replace(/^::/, '').toLowerCase();
  throw new PapplyError(`Illegal resource type: ${formatValue(value)}`, type.loc);
}

/** A body's titles, checked as Puppet checks them before declaring anything. */
function bodyTitles(titleValue: Value, loc: Expression['loc'], seen: Set<string>, whole: Expression['loc']): Value[] {
  if (titleValue === undefined) throw new PapplyError('Missing title. The title expression resulted in undef', loc);
  const titles = flattenValues(titleValue);
  titles.forEach((title, index) => {
    if (title === undefined) throw new PapplyError(`Missing title at index ${index}. The title expression resulted in an undef title`, loc);
    if (typeof title !== 'string' && !(title instanceof PDefault)) {
      throw new PapplyError(`Illegal title type at index ${index}. Expected String, got ${String(generalize(typeOf(title)))}`, loc);
    }
    if (title === '') throw new PapplyError(`Empty string title at ${index}. Title strings must have a length greater than zero.`, loc);
    if (typeof title === 'string') {
      if (seen.has(title)) throw new PapplyError(`The title '${title}' has already been used in this resource expression`, whole);
      seen.add(title);
    }
  });
  return titles;
}

/** A body sets each attribute once, also through `* =>` (Puppet's check names the resource expression). */
function onceEach(attributes: AttributeValue[], loc: Expression['loc']): AttributeValue[] {
  const names = new Set<string>();
  for (const { name } of attributes) {
    if (names.has(name)) throw new PapplyError(`The attribute '${name}' has already been set`, loc);
    names.add(name);
  }
  return attributes;
}

export function evaluateResource(node: ResourceExpression, scope: Scope, ev: Evaluator): Value {
  const typeName = declaredTypeName(node.type, scope, ev);
  const defaultsBody = node.bodies.find((body) => body.title.kind === 'Default');
  const seen = new Set<string>();
  // Like Puppet, every body's titles and attributes are evaluated (and checked) before any resource is declared.
  const bodies = node.bodies.map((body) => ({
    body,
    titles: body === defaultsBody ? [] : bodyTitles(ev.evaluate(body.title, scope), body.title.loc, seen, node.loc),
    attributes: onceEach(ev.evaluateAttributes(body.operations, scope), node.loc),
  }));
  const bodyDefaults = bodies.find((b) => b.body === defaultsBody)?.attributes ?? [];
  const refs: Value[] = [];
  for (const { body, titles, attributes: own } of bodies) {
    if (body === defaultsBody) continue;
    const attributes = bodyDefaults.length === 0 ? own : [...bodyDefaults.filter((d) => !own.some((a) => a.name === d.name)), ...own];
    for (const title of titles) {
      if (title instanceof PDefault) continue;
      if (typeName === 'class') {
        if (node.form !== 'regular') throw new PapplyError('Classes cannot be virtual or exported', node.loc);
        // Puppet gives the class resource's reference (`Class['Foo']`), not a Class type.
        const declared = ev.declareClass(formatValue(title), attributes, scope, node.loc, true);
        refs.push(new ResourceType('Class', declared.title));
        continue;
      }
      refs.push(ev.declareResource(typeName, formatValue(title), attributes, node.form, scope, node.loc).toRef());
    }
  }
  return refs;
}

export function evaluateResourceDefaults(node: ResourceDefaultsExpression, scope: Scope, ev: Evaluator): Value {
  const typeName = declaredTypeName(node.type, scope, ev);
  for (const attribute of ev.evaluateAttributes(node.operations, scope)) scope.setDefault(typeName, attribute);
  // The expression's value is the type (`File`), as in Puppet.
  return node.type.kind === 'TypeReference' ? ev.evaluate(node.type, scope) : undefined;
}

export function evaluateResourceOverride(node: ResourceOverrideExpression, scope: Scope, ev: Evaluator): Value {
  const target = ev.evaluate(node.resources, scope);
  const attributes = ev.evaluateAttributes(node.operations, scope);
  for (const ref of flattenValues(target)) {
    const target = refTarget(ref);
    if (!target) throw new PapplyError(`Illegal override target: expected a resource reference, got ${formatValue(ref)}`, node.resources.loc);
    ev.addOverride(target, attributes, node.loc);
  }
  return target; // the references overridden, as Puppet gives them
}
