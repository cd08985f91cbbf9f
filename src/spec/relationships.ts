// Relationship checks as rspec-puppet's that_requires / that_comes_before / that_notifies /
// that_subscribes_to make them: a relationship counts when it is declared on either side
// (A requires B ⇔ B before A; notify and subscribe order too), when it is declared on a
// container of either resource (requiring Class[x] requires everything in x), and along chains
// of the same metaparameter (A before B, B before C: A comes before C), including where a
// `before` chain from one side meets a `require` chain from the other.

import type { CompiledCatalog, RelationshipParameter, SpecResource } from './catalog.js';

/** Refs reachable from `resource` over one metaparameter, transitively. */
function chain(catalog: CompiledCatalog, resource: SpecResource, parameter: RelationshipParameter): Set<string> {
  const reached = new Set<string>();
  const queue = [resource];
  while (queue.length > 0) {
    for (const ref of catalog.related(queue.pop()!, parameter)) {
      if (reached.has(ref)) continue;
      reached.add(ref);
      const next = catalog.resource(ref);
      if (next) queue.push(next);
    }
  }
  return reached;
}

function selfAndContainers(catalog: CompiledCatalog, resource: SpecResource): SpecResource[] {
  return [resource, ...catalog.containersOf(resource.ref)];
}

/** `first` is applied before `second` (any of before/notify on one side, require/subscribe on the other). */
export function precedes(catalog: CompiledCatalog, first: SpecResource, second: SpecResource): boolean {
  for (const earlier of selfAndContainers(catalog, first)) {
    const forward = new Set([...chain(catalog, earlier, 'before'), ...chain(catalog, earlier, 'notify')]);
    for (const later of selfAndContainers(catalog, second)) {
      if (forward.has(later.ref)) return true;
      const backward = new Set([...chain(catalog, later, 'require'), ...chain(catalog, later, 'subscribe')]);
      if (backward.has(earlier.ref)) return true;
      for (const ref of forward) if (backward.has(ref)) return true;
    }
  }
  return false;
}

/** `first` sends refresh events to `second` (notify on one side or subscribe on the other). */
export function notifies(catalog: CompiledCatalog, first: SpecResource, second: SpecResource): boolean {
  for (const sender of selfAndContainers(catalog, first)) {
    const notified = chain(catalog, sender, 'notify');
    for (const receiver of selfAndContainers(catalog, second)) {
      if (notified.has(receiver.ref) || chain(catalog, receiver, 'subscribe').has(sender.ref)) return true;
    }
  }
  return false;
}

/** The relationship metaparameters a resource declares, for failure messages. */
export function declaredRelationships(resource: SpecResource): string {
  const parts = (['before', 'require', 'notify', 'subscribe'] as const)
    .map((parameter) => [parameter, resource.parameters[parameter]] as const)
    .filter(([, value]) => value !== undefined)
    .map(([parameter, value]) => `${parameter} => ${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
