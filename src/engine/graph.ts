// The relationship graph Puppet builds from a catalog: containers (stages, classes, defined
// resources) become two sentinels, `admissible` (entered before any content) and `completed`
// (left after all contents), so that relationships to and from a container reach everything in
// it, and refresh events travel through them. Order: topological, ties broken by manifest order
// (Puppet's `ordering = manifest`).

import { PapplyError } from '../errors.js';
import type { Catalog, CatalogResource, CatalogValue } from '../compiler/catalog.js';
import type { Resource } from '../providers/framework/resource.js';

export type NodeKind = 'resource' | 'admissible' | 'completed';

export interface GraphNode {
  id: number;
  kind: NodeKind;
  /** `File[/x]` for resources; the container's ref for sentinels. */
  ref: string;
  /** Only for kind `resource`. */
  resource?: Resource;
  /** Manifest order of the resource or container. */
  priority: number;
}

export interface GraphEdge {
  source: GraphNode;
  target: GraphNode;
  /** notify/subscribe/`~>` and containment: events flow along it and trigger refresh. */
  callback: boolean;
}

export interface ContainerInfo {
  ref: string;
  entry: CatalogResource;
}

const RELATIONSHIPS: Record<string, { forward: boolean; callback: boolean }> = {
  before: { forward: true, callback: false },
  notify: { forward: true, callback: true },
  require: { forward: false, callback: false },
  subscribe: { forward: false, callback: true },
};

/** `file[/x]`, `Class[foo::bar]` → `File[/x]`, `Class[Foo::Bar]` (catalogs are not always consistent). */
export function normalizeRef(ref: string): string {
  const match = /^([^[]+)\[([\s\S]*)\]$/.exec(ref.trim());
  if (!match) return ref;
  const type = capitalizeSegments(match[1]!);
  const title = type === 'Class' ? capitalizeSegments(match[2]!.replace(/^::/, '')) : match[2]!;
  return `${type}[${title}]`;
}

function capitalizeSegments(name: string): string {
  return name
    .split('::')
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1).toLowerCase())
    .join('::');
}

function refsOf(value: CatalogValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(refsOf);
  return typeof value === 'string' ? [normalizeRef(value)] : [];
}

export class RelationshipGraph {
  readonly nodes: GraphNode[] = [];
  readonly outgoing = new Map<GraphNode, GraphEdge[]>();
  readonly incoming = new Map<GraphNode, GraphEdge[]>();
  /** ref (title or namevar alias) → resource node, or container sentinels. */
  private readonly byRef = new Map<string, { entry: GraphNode; exit: GraphNode }>();
  /** Containment: child ref → parent container ref. */
  readonly parentOf = new Map<string, string>();
  readonly containers = new Map<string, ContainerInfo>();
  private readonly edgeKeys = new Set<string>();

  private addNode(kind: NodeKind, ref: string, priority: number, resource?: Resource): GraphNode {
    const node: GraphNode = { id: this.nodes.length, kind, ref, priority, resource };
    this.nodes.push(node);
    this.outgoing.set(node, []);
    this.incoming.set(node, []);
    return node;
  }

  addEdge(source: GraphNode, target: GraphNode, callback: boolean): void {
    if (source === target) return;
    const key = `${source.id}>${target.id}`;
    if (this.edgeKeys.has(key)) {
      // A second edge between the same nodes can only add the callback.
      if (callback) for (const edge of this.outgoing.get(source)!) if (edge.target === target) edge.callback = true;
      return;
    }
    this.edgeKeys.add(key);
    const edge = { source, target, callback };
    this.outgoing.get(source)!.push(edge);
    this.incoming.get(target)!.push(edge);
  }

  /**
   * Builds the graph. `resources` maps catalog refs of resources the engine applies; every other
   * catalog entry (Stage, Class, defined resources) is a container.
   */
  static build(catalog: Catalog, resources: Map<string, Resource>): RelationshipGraph {
    const graph = new RelationshipGraph();
    const errors: string[] = [];
    catalog.resources.forEach((entry, priority) => {
      const ref = normalizeRef(`${entry.type}[${entry.title}]`);
      const resource = resources.get(ref);
      if (resource) {
        const node = graph.addNode('resource', ref, priority, resource);
        graph.byRef.set(ref, { entry: node, exit: node });
      } else {
        const admissible = graph.addNode('admissible', ref, priority);
        const completed = graph.addNode('completed', ref, priority);
        graph.byRef.set(ref, { entry: admissible, exit: completed });
        graph.containers.set(ref, { ref, entry });
      }
    });
    // Aliases: the namevar (File[/x/] titled 'x config') and the `alias` metaparameter.
    for (const [ref, resource] of resources) {
      const nodes = graph.byRef.get(ref)!;
      const byName = resource.type.definition.isomorphic === false ? [] : [`${resource.type.refName}[${resource.name}]`];
      const aliases = [...byName, ...refsOf(resource.meta.alias).map((a) => (a.includes('[') ? a : `${resource.type.refName}[${a}]`))];
      for (const alias of aliases) if (!graph.byRef.has(normalizeRef(alias))) graph.byRef.set(normalizeRef(alias), nodes);
    }

    // The `stage` metaparameter of a class puts it in that stage, whatever the edges say.
    const staged = new Map<string, string>();
    for (const entry of catalog.resources) {
      const stage = entry.parameters?.stage;
      if (entry.type !== 'Class' || typeof stage !== 'string' || stage === '') continue;
      const stageRef = normalizeRef(`Stage[${stage}]`);
      if (!graph.containers.has(stageRef)) errors.push(`Could not find stage ${stage} specified by Class[${entry.title}]`);
      else staged.set(normalizeRef(`Class[${entry.title}]`), stageRef);
    }
    const edges = [
      ...catalog.edges.filter((edge) => !staged.has(normalizeRef(edge.target))),
      ...[...staged].map(([target, source]) => ({ source, target })),
    ];
    const children = new Map<string, string[]>();
    for (const edge of edges) {
      const source = normalizeRef(edge.source);
      const target = normalizeRef(edge.target);
      // Stages are top level in Puppet: an edge into one (a stage declared in a class) would
      // contain Stage[first] in Stage[main] and make `before => Stage[main]` a cycle.
      if (target.startsWith('Stage[')) continue;
      if (!graph.byRef.has(source) || !graph.byRef.has(target)) {
        errors.push(`containment edge ${edge.source} => ${edge.target} names a resource missing from the catalog`);
        continue;
      }
      graph.parentOf.set(target, source);
      if (!children.has(source)) children.set(source, []);
      children.get(source)!.push(target);
    }
    for (const [ref] of graph.containers) {
      const { entry: admissible, exit: completed } = graph.byRef.get(ref)!;
      const contents = children.get(ref) ?? [];
      if (contents.length === 0) graph.addEdge(admissible, completed, false);
      for (const child of contents) {
        const nodes = graph.byRef.get(child)!;
        graph.addEdge(admissible, nodes.entry, true);
        graph.addEdge(nodes.exit, completed, true);
      }
    }

    for (const entry of catalog.resources) {
      const ref = normalizeRef(`${entry.type}[${entry.title}]`);
      const self = graph.byRef.get(ref)!;
      for (const [metaparameter, { forward, callback }] of Object.entries(RELATIONSHIPS)) {
        for (const other of refsOf(entry.parameters?.[metaparameter])) {
          const nodes = graph.byRef.get(other);
          if (!nodes) {
            errors.push(`Could not find resource '${other}' for relationship ${forward ? 'from' : 'on'} '${ref}'`);
            continue;
          }
          if (forward) graph.addEdge(self.exit, nodes.entry, callback);
          else graph.addEdge(nodes.exit, self.entry, callback);
        }
      }
    }

    for (const [ref, resource] of resources) {
      const self = graph.byRef.get(ref)!;
      const auto = [
        ...Object.entries(resource.type.definition.autorequire ?? {}).map(([type, titles]) => ({ type, titles, before: false })),
        ...Object.entries(resource.type.definition.autobefore ?? {}).map(([type, titles]) => ({ type, titles, before: true })),
      ];
      for (const { type, titles, before } of auto) {
        for (const title of titles(resource, catalog)) {
          const other = graph.byRef.get(normalizeRef(`${type}[${title}]`));
          if (!other || other === self) continue;
          // An explicit relationship the other way wins over an implicit one (Puppet does the same).
          if (before ? graph.hasEdge(other.exit, self.entry) : graph.hasEdge(self.exit, other.entry)) continue;
          if (before) graph.addEdge(self.exit, other.entry, false);
          else graph.addEdge(other.exit, self.entry, false);
        }
      }
    }
    if (errors.length > 0) throw new PapplyError(errors.join('\n'));
    return graph;
  }

  hasEdge(source: GraphNode, target: GraphNode): boolean {
    return this.edgeKeys.has(`${source.id}>${target.id}`);
  }

  /** `/Stage[main]/Profile::Vip/Cs_primitive[vip]`: classes by name, other containers by ref. */
  pathOf(ref: string): string {
    const segments: string[] = [];
    let current: string | undefined = ref;
    while (current !== undefined) {
      const match = /^Class\[(.*)\]$/.exec(current);
      segments.unshift(match && current !== ref ? match[1]! : current);
      current = this.parentOf.get(current);
    }
    return `/${segments.join('/')}`;
  }

  /** Topological order, manifest order among the ready nodes; throws on cycles. */
  order(): GraphNode[] {
    const remaining = new Map<GraphNode, number>();
    const ready = new MinHeap<GraphNode>((a, b) => a.priority - b.priority || a.id - b.id);
    for (const node of this.nodes) {
      const count = this.incoming.get(node)!.length;
      remaining.set(node, count);
      if (count === 0) ready.push(node);
    }
    const ordered: GraphNode[] = [];
    while (ready.size > 0) {
      const node = ready.pop()!;
      ordered.push(node);
      for (const edge of this.outgoing.get(node)!) {
        const left = remaining.get(edge.target)! - 1;
        remaining.set(edge.target, left);
        if (left === 0) ready.push(edge.target);
      }
    }
    if (ordered.length < this.nodes.length) {
      const stuck = new Set(this.nodes.filter((node) => remaining.get(node)! > 0));
      const cycles = this.findCycles(stuck);
      const plural = cycles.length === 1 ? 'cycle' : 'cycles';
      throw new PapplyError(
        `Found ${cycles.length} dependency ${plural}:\n${cycles.map((cycle) => `(${cycle.join(' => ')})`).join('\n')}`,
      );
    }
    return ordered;
  }

  /** One shortest cycle per strongly connected component among `candidates`, as refs. */
  private findCycles(candidates: Set<GraphNode>): string[][] {
    const components = this.stronglyConnected(candidates).filter((component) => component.length > 1);
    return components.map((component) => {
      const members = new Set(component);
      const start = component.find((node) => node.kind === 'resource') ?? component[0]!;
      // Breadth-first search back to `start` inside the component: the shortest cycle through it.
      const previous = new Map<GraphNode, GraphNode>();
      const queue = [start];
      let found = false;
      while (queue.length > 0 && !found) {
        const node = queue.shift()!;
        for (const { target } of this.outgoing.get(node)!) {
          if (!members.has(target)) continue;
          if (target === start) {
            previous.set(start, node);
            found = true;
            break;
          }
          if (!previous.has(target)) {
            previous.set(target, node);
            queue.push(target);
          }
        }
      }
      const between: GraphNode[] = [];
      for (let node = previous.get(start)!; node !== start; node = previous.get(node)!) between.unshift(node);
      const path = [start, ...between, start];
      // Sentinels print as their container; consecutive duplicates collapse.
      return path.map((node) => node.ref).filter((ref, index, refs) => index === 0 || refs[index - 1] !== ref);
    });
  }

  private stronglyConnected(candidates: Set<GraphNode>): GraphNode[][] {
    // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
    const index = new Map<GraphNode, number>();
    const low = new Map<GraphNode, number>();
    const onStack = new Set<GraphNode>();
    const stack: GraphNode[] = [];
    const components: GraphNode[][] = [];
    let counter = 0;
    for (const root of candidates) {
      if (index.has(root)) continue;
      const work: { node: GraphNode; edge: number }[] = [{ node: root, edge: 0 }];
      index.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (work.length > 0) {
        const frame = work[work.length - 1]!;
        const edges = this.outgoing.get(frame.node)!.filter((edge) => candidates.has(edge.target));
        if (frame.edge < edges.length) {
          const target = edges[frame.edge++]!.target;
          if (!index.has(target)) {
            index.set(target, counter);
            low.set(target, counter++);
            stack.push(target);
            onStack.add(target);
            work.push({ node: target, edge: 0 });
          } else if (onStack.has(target)) {
            low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
          }
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1]!.node;
          low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
        }
        if (low.get(frame.node) === index.get(frame.node)) {
          const component: GraphNode[] = [];
          let member: GraphNode;
          do {
            member = stack.pop()!;
            onStack.delete(member);
            component.push(member);
          } while (member !== frame.node);
          components.push(component);
        }
      }
    }
    return components;
  }

  /** Every node reachable from `start` along edges (its dependents, transitively). */
  dependentsOf(start: GraphNode): Set<GraphNode> {
    const seen = new Set<GraphNode>();
    const queue = [start];
    while (queue.length > 0) {
      for (const { target } of this.outgoing.get(queue.pop()!)!) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    return seen;
  }
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(items[index]!, items[parent]!) >= 0) break;
      [items[index], items[parent]] = [items[parent]!, items[index]!];
      index = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && this.compare(items[left]!, items[smallest]!) < 0) smallest = left;
        if (right < items.length && this.compare(items[right]!, items[smallest]!) < 0) smallest = right;
        if (smallest === index) break;
        [items[index], items[smallest]] = [items[smallest]!, items[index]!];
        index = smallest;
      }
    }
    return top;
  }
}
