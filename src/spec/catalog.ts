// The catalog a spec compiled, with the look-ups rspec-puppet's matchers rely on: resources by
// reference (type name in any case, class titles in any case, namevar and `alias` aliases),
// containers of a resource, and the relationship metaparameters in canonical `Type[title]` form.

import '../providers/all.js';
import type { Catalog, CatalogValue } from '../compiler/catalog.js';
import { findType } from '../providers/framework/registry.js';
import { Resource } from '../providers/framework/resource.js';

export interface SpecResource {
  /** `Type[title]` as Puppet writes it: `Cs_primitive[p_vip]`, `Class[Corosync]`. */
  readonly ref: string;
  readonly type: string;
  readonly title: string;
  /** Set parameters (undef ones are absent, as in Puppet's catalog). */
  readonly parameters: Readonly<Record<string, CatalogValue>>;
  readonly tags: readonly string[];
  readonly file?: string;
  readonly line?: number;
  readonly exported: boolean;
  /** `compilable_type` (built-in type), `defined_type`, or `unknown` (classes, nodes). */
  readonly kind?: string;
}

export type RelationshipParameter = 'before' | 'require' | 'notify' | 'subscribe';

/** `foo::bar` → `Foo::Bar`. */
function capitalizeSegments(name: string): string {
  return name
    .split('::')
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1).toLowerCase())
    .join('::');
}

/**
 * A reference as a user writes it (`cs_primitive[p_vip]`, `Class['::corosync']`, `File["/x"]`)
 * in Puppet's canonical form, or undefined when it is not `Type[title]`.
 */
export function canonicalRef(reference: string): string | undefined {
  const match = /^\s*([A-Za-z][\w:]*)\s*\[([\s\S]*)\]\s*$/.exec(reference);
  if (!match) return undefined;
  let title = match[2]!.trim();
  const quoted = /^(['"])([\s\S]*)\1$/.exec(title);
  if (quoted) title = quoted[2]!;
  const type = capitalizeSegments(match[1]!.replace(/^::/, ''));
  if (type === 'Class') title = title === 'main' || title === 'Main' ? 'main' : capitalizeSegments(title.replace(/^::/, ''));
  return `${type}[${title}]`;
}

function relationshipValues(value: CatalogValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(relationshipValues);
  return typeof value === 'string' ? [value] : [];
}

const AUTO_RELATIONSHIPS = { autorequire: 'require', autobefore: 'before' } as const;

export class CompiledCatalog {
  /** Every resource of the catalog, in manifest order (Stage, Class and defined instances included). */
  readonly resources: readonly SpecResource[];
  private readonly byRef = new Map<string, SpecResource>();
  private readonly containerOf = new Map<string, string>();
  private readonly contents = new Map<string, string[]>();
  private autoRelationships?: Map<string, Map<RelationshipParameter, string[]>>;

  constructor(
    readonly catalog: Catalog,
    /** Warnings the compiler printed (unknown variables, deprecations, notice() ...). */
    readonly warnings: readonly string[] = [],
  ) {
    this.resources = catalog.resources.map((entry) => ({
      ref: canonicalRef(`${entry.type}[${entry.title}]`) ?? `${entry.type}[${entry.title}]`,
      type: entry.type,
      title: entry.title,
      parameters: entry.parameters ?? {},
      tags: entry.tags ?? [],
      file: entry.file,
      line: entry.line,
      exported: entry.exported,
      kind: entry.kind,
    }));
    for (const resource of this.resources) this.byRef.set(resource.ref, resource);
    // Aliases after titles, so that a title always wins: the namevar (File titled 'motd' with
    // path /etc/motd is also File[/etc/motd]) and the `alias` metaparameter.
    for (const resource of this.resources) {
      const namevar = findType(resource.type)?.namevars[0];
      const names = [namevar ? resource.parameters[namevar] : undefined, ...relationshipValues(resource.parameters.alias)];
      for (const name of names) {
        if (typeof name !== 'string') continue;
        const alias = `${resource.type}[${name}]`;
        if (!this.byRef.has(alias)) this.byRef.set(alias, resource);
      }
    }
    for (const edge of catalog.edges) {
      const [container, member] = [canonicalRef(edge.source) ?? edge.source, canonicalRef(edge.target) ?? edge.target];
      this.containerOf.set(member, container);
      this.contents.set(container, [...(this.contents.get(container) ?? []), member]);
    }
  }

  /** The resource a reference names (`'cs_primitive[p_vip]'`, `'Class[corosync]'`), or undefined. */
  resource(reference: string): SpecResource | undefined {
    const canonical = canonicalRef(reference);
    return canonical === undefined ? undefined : this.byRef.get(canonical);
  }

  /** Resources of one type (`'file'`, `'Cs_primitive'`, `'corosync::member'`). */
  resourcesOfType(type: string): SpecResource[] {
    const wanted = capitalizeSegments(type.replace(/^::/, ''));
    return this.resources.filter((resource) => resource.type === wanted);
  }

  /** Names of the declared classes, as Puppet lists them (lower case), without `settings`. */
  get classes(): string[] {
    return this.catalog.classes.filter((name) => name !== 'settings');
  }

  /** The containers of a resource, innermost first: its class or defined instance, ..., Stage[main]. */
  containersOf(reference: string): SpecResource[] {
    const containers: SpecResource[] = [];
    let current = this.resource(reference)?.ref;
    while (current !== undefined) {
      current = this.containerOf.get(current);
      const container = current === undefined ? undefined : this.byRef.get(current);
      if (container) containers.push(container);
    }
    return containers;
  }

  /** What a class, defined instance or stage contains directly. */
  contentsOf(resource: SpecResource): SpecResource[] {
    return (this.contents.get(resource.ref) ?? []).map((ref) => this.byRef.get(ref)).filter((member) => member !== undefined);
  }

  /**
   * The resources a relationship metaparameter names (canonical refs; unknown ones as written),
   * plus the type's automatic relationships of that kind (a file autorequires its directory ...).
   */
  related(resource: SpecResource, parameter: RelationshipParameter): string[] {
    const declared = relationshipValues(resource.parameters[parameter]).map((value) => this.resource(value)?.ref ?? canonicalRef(value) ?? value);
    return [...declared, ...(this.automatic().get(resource.ref)?.get(parameter) ?? [])];
  }

  /** The catalog in Puppet's JSON format. */
  toJSON(): Catalog {
    return this.catalog;
  }

  /** Automatic relationships of built-in types, computed once (resources with invalid values have none). */
  private automatic(): Map<string, Map<RelationshipParameter, string[]>> {
    if (this.autoRelationships) return this.autoRelationships;
    const automatic = new Map<string, Map<RelationshipParameter, string[]>>();
    this.resources.forEach((resource, index) => {
      const type = findType(resource.type);
      if (!type) return;
      let instance: Resource;
      try {
        instance = new Resource(type, this.catalog.resources[index]!);
      } catch {
        return;
      }
      const byKind = new Map<RelationshipParameter, string[]>();
      for (const [hook, parameter] of Object.entries(AUTO_RELATIONSHIPS) as [keyof typeof AUTO_RELATIONSHIPS, RelationshipParameter][]) {
        for (const [otherType, titles] of Object.entries(type.definition[hook] ?? {})) {
          for (const title of titles(instance, this.catalog)) {
            const other = this.resource(`${otherType}[${title}]`);
            if (other && other !== resource) byKind.set(parameter, [...(byKind.get(parameter) ?? []), other.ref]);
          }
        }
      }
      if (byKind.size > 0) automatic.set(resource.ref, byKind);
    });
    this.autoRelationships = automatic;
    return automatic;
  }
}
