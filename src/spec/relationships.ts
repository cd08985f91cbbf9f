// Relationship checks as rspec-puppet's that_requires / that_comes_before / that_notifies /
// that_subscribes_to make them: a relationship counts when it is declared on either side
// (A requires B ⇔ B before A; notify and subscribe order too), when it is declared on a
// container of either resource (requiring Class[x] requires everything in x), and along chains
// (A before B, B before C: A comes before C).

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

const orderings = new WeakMap<CompiledCatalog, Map<string, Set<string>>>();

/** For each ref, the refs a relationship declared on either side orders right after it. */
function orderedAfter(catalog: CompiledCatalog): Map<string, Set<string>> {
  const known = orderings.get(catalog);
  if (known) return known;
  const after = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (!after.has(from)) after.set(from, new Set());
    after.get(from)!.add(to);
  };
  for (const resource of catalog.resources) {
    for (const ref of [...catalog.related(resource, 'before'), ...catalog.related(resource, 'notify')]) add(resource.ref, ref);
    for (const ref of [...catalog.related(resource, 'require'), ...catalog.related(resource, 'subscribe')]) add(ref, resource.ref);
  }
  orderings.set(catalog, after);
  return after;
}

/**
 * `first` is applied before `second`: a path of relationships (declared on either side, of any
 * kind) leads from `first` or one of its containers to `second` or one of its containers. A path
 * may pass through a container: what follows a class follows everything in it. This finds every
 * ordering rspec-puppet's that_requires / that_comes_before find (direct, via containers, along
 * chains), and chains that mix kinds (A notifies B, B comes before C).
 */
export function precedes(catalog: CompiledCatalog, first: SpecResource, second: SpecResource): boolean {
  const after = orderedAfter(catalog);
  const targets = new Set(selfAndContainers(catalog, second).map((resource) => resource.ref));
  const seen = new Set<string>();
  const queue: string[] = [];
  const follow = (resource: SpecResource) => {
    // Leaving a resource also leaves its containers: what they come before comes after it.
    for (const left of selfAndContainers(catalog, resource)) {
      for (const ref of after.get(left.ref) ?? []) {
        if (!seen.has(ref)) {
          seen.add(ref);
          queue.push(ref);
        }
      }
    }
  };
  follow(first);
  while (queue.length > 0) {
    const ref = queue.shift()!;
    if (targets.has(ref)) return true;
    const reached = catalog.resource(ref);
    if (!reached) continue;
    follow(reached);
    // Entering a container comes before everything in it.
    const inside = [...catalog.contentsOf(reached)];
    while (inside.length > 0) {
      const member = inside.pop()!;
      if (targets.has(member.ref)) return true;
      follow(member);
      inside.push(...catalog.contentsOf(member));
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
