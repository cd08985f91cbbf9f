// The catalog while it is being compiled: resources in declaration order with their parameters,
// tags and containment, and the final conversion to Puppet's catalog JSON.

import { PapplyError, type SourceLocation } from '../errors.js';
import type { Catalog, CatalogEdge, CatalogResource, CatalogValue } from './catalog.js';
import { AttributeIndex } from './evaluator/collector-index.js';
import { referenceTo } from './evaluator/resource-ref.js';
import type { AttributeValue, Scope } from './scope.js';
import { toCatalogValue } from './value-format.js';
import { PSensitive, type PType, type Value } from './values.js';

export type ResourceKind = 'compilable_type' | 'defined_type' | 'unknown';

/** Metaparameters every resource accepts (Puppet::Type.metaparams). */
export const METAPARAMS = new Set(['noop', 'schedule', 'audit', 'loglevel', 'alias', 'tag', 'require', 'subscribe', 'before', 'notify', 'stage']);
/** Metaparameters a container hands down to what it contains (all but the relationship ones). */
const INHERITED_METAPARAMS = ['noop', 'schedule', 'audit', 'loglevel', 'alias', 'tag', 'stage'];

const VALID_TAG = /^[\p{L}\p{N}_][\p{L}\p{N}_:.-]*$/u;

/** A resource's parameters; every write is reported to the resource (collector indexes follow it). */
class ParameterMap extends Map<string, AttributeValue> {
  constructor(private readonly owner: CompiledResource) {
    super();
  }

  override set(name: string, attribute: AttributeValue): this {
    const before = super.get(name)?.value;
    super.set(name, attribute);
    this.owner.onParameterChange?.(this.owner, name, before, attribute.value);
    return this;
  }

  override delete(name: string): boolean {
    const before = super.get(name)?.value;
    const deleted = super.delete(name);
    if (deleted) this.owner.onParameterChange?.(this.owner, name, before, undefined);
    return deleted;
  }
}

export type ParameterChangeListener = (resource: CompiledResource, name: string, before: Value, after: Value) => void;

export class CompiledResource {
  readonly params: Map<string, AttributeValue> = new ParameterMap(this);
  /** Set by the builder the resource is added to. */
  onParameterChange?: ParameterChangeListener;
  /** Place in the builder's declaration order. */
  position = -1;
  /** Lowercase, no duplicates. A list, not a Set: a resource has a handful of tags, and a Set per resource costs megabytes on large sites. */
  readonly tags: string[] = [];
  virtual = false;
  /** Define instances and classes: whether their body has been evaluated. */
  evaluated = false;
  /** Whether the catalog shows file and line: resources written in code, resource-like classes. */
  locationInCatalog: boolean;
  /** The resource whose body declared this one (containment edge source). */
  container?: CompiledResource;

  /**
   * @param type catalog form (`File`, `Foo::Bar`, `Class`)
   * @param scope where it was declared: defaults and container tags come from there
   */
  constructor(
    readonly type: string,
    readonly title: string,
    readonly kind: ResourceKind,
    readonly scope: Scope | undefined,
    readonly loc: SourceLocation | undefined,
    readonly exported: boolean,
  ) {
    this.locationInCatalog = kind !== 'unknown' && loc !== undefined;
  }

  get ref(): string {
    return `${this.type}[${this.title}]`;
  }

  get key(): string {
    return resourceKey(this.type, this.title);
  }

  /** Lowercase type name as used for defaults and definitions (`foo::bar`). */
  get typeName(): string {
    return this.type.toLowerCase();
  }

  toRef(): PType {
    return referenceTo(this.type, this.title);
  }

  /** Adds tags the way Puppet does: lowercased, `a::b` also adds `a` and `b`. */
  tag(...names: string[]): void {
    for (const raw of names) {
      const name = raw.toLowerCase();
      this.addTag(name);
      if (name.includes('::')) for (const segment of name.split('::')) if (segment) this.addTag(segment);
    }
  }

  tagIfValid(name: string): void {
    if (VALID_TAG.test(name)) this.tag(name);
  }

  hasTag(name: string): boolean {
    return this.tags.includes(name.toLowerCase());
  }

  mergeTagsFrom(other: CompiledResource): void {
    for (const tag of other.tags) this.addTag(tag);
  }

  private addTag(tag: string): void {
    if (!this.tags.includes(tag)) this.tags.push(tag);
  }

  /** Sets a parameter; `tag` values also become tags (an invalid one is an error, as in Puppet). */
  set(attribute: AttributeValue): void {
    this.params.set(attribute.name, attribute);
    if (attribute.name === 'tag') {
      for (const tag of flattenValues(attribute.value)) {
        if (tag === undefined) continue;
        const text = String(tag);
        if (!VALID_TAG.test(text)) throw new PapplyError(`Invalid tag '${text}'`, attribute.loc);
        this.tag(text);
      }
    }
  }

  get(name: string): Value {
    return this.params.get(name)?.value;
  }
}

/** A value with nested arrays flattened into one list (Ruby's `[v].flatten`). */
export function flattenValues(value: Value): Value[] {
  if (!Array.isArray(value)) return [value];
  const result: Value[] = [];
  for (const item of value) result.push(...flattenValues(item));
  return result;
}

export function resourceKey(type: string, title: string): string {
  return `${type}[${title}]`;
}

export class CatalogBuilder {
  readonly resources: CompiledResource[] = [];
  private readonly byKey = new Map<string, CompiledResource>();
  private readonly byType = new Map<string, CompiledResource[]>();
  /** type -> lowercase title -> resources (titles compare case-insensitively in collector queries). */
  private readonly byTitle = new Map<string, Map<string, CompiledResource[]>>();
  /** type -> attribute -> index, made when a collector first queries that attribute of that type. */
  private readonly byAttribute = new Map<string, Map<string, AttributeIndex<CompiledResource>>>();
  private readonly followParameters: ParameterChangeListener = (resource, name, before, after) => {
    const index = this.byAttribute.get(resource.type)?.get(name);
    if (!index) return;
    // Also when `before === after`: an array changed in place must be found under its new items.
    index.remove(resource, before);
    index.add(resource, after);
  };
  readonly edges: [CompiledResource, CompiledResource][] = [];
  /** Class names (and the node definition's name) in evaluation order. */
  readonly classes: string[] = [];
  private readonly catalogTags = new Set<string>();
  /** Tags of Class and Node resources as they entered the catalog (Puppet's instantiate_resource merges them). */
  private readonly instantiatedTags = new Set<string>();

  /** Adds a resource; a second one with the same type and title is an error at `errorLoc`. */
  add(resource: CompiledResource, container: CompiledResource | undefined, errorLoc = resource.loc): void {
    const existing = this.byKey.get(resource.key);
    if (existing) throw duplicateError(resource, existing, errorLoc);
    this.byKey.set(resource.key, resource);
    resource.position = this.resources.length;
    this.resources.push(resource);
    resource.onParameterChange = this.followParameters;
    const indexes = this.byAttribute.get(resource.type);
    if (indexes) for (const [name, index] of indexes) index.add(resource, resource.get(name));
    let sameType = this.byType.get(resource.type);
    if (!sameType) this.byType.set(resource.type, (sameType = []));
    sameType.push(resource);
    let titles = this.byTitle.get(resource.type);
    if (!titles) this.byTitle.set(resource.type, (titles = new Map()));
    const lower = resource.title.toLowerCase();
    const sameTitle = titles.get(lower);
    if (sameTitle) sameTitle.push(resource);
    else titles.set(lower, [resource]);
    if (container) {
      resource.container = container;
      this.edges.push([container, resource]);
    }
  }

  /** Another name for a resource (its namevar when it differs from the title). */
  alias(resource: CompiledResource, name: string): void {
    const key = resourceKey(resource.type, name);
    const existing = this.byKey.get(key);
    if (existing && existing !== resource) {
      throw new PapplyError(
        `Cannot alias ${resource.ref} to ["${name}"]; resource ["${resource.type}", "${name}"] already declared${atLocation(existing.loc)}`,
        resource.loc,
      );
    }
    this.byKey.set(key, resource);
  }

  /** The `alias` metaparameter: `name` finds the resource too; a resource already known by it is a conflict. */
  aliasAs(resource: CompiledResource, name: string): void {
    const key = resourceKey(resource.type, name);
    const existing = this.byKey.get(key);
    if (existing === resource || key === resource.key) return;
    if (existing) {
      const where = resource.loc ? ` at (file: ${resource.loc.file}, line: ${resource.loc.line})` : '';
      const existingWhere = existing.loc ? ` (file: ${existing.loc.file}, line: ${existing.loc.line})` : '';
      throw new PapplyError(
        `Cannot alias ${resource.ref} to ${JSON.stringify(name)}${where}; resource ${JSON.stringify([resource.type, name]).replace(',', ', ')} already declared${existingWhere}`,
        resource.loc,
      );
    }
    this.byKey.set(key, resource);
  }

  addEdge(source: CompiledResource, target: CompiledResource): void {
    this.edges.push([source, target]);
  }

  /** Resources of one type (`File`) in declaration order. */
  resourcesOfType(type: string): readonly CompiledResource[] {
    return this.byType.get(type) ?? [];
  }

  /** Resources of one type whose title equals `title` ignoring case. */
  resourcesTitled(type: string, title: string): readonly CompiledResource[] {
    return this.byTitle.get(type)?.get(title.toLowerCase()) ?? [];
  }

  /**
   * Resources of one type whose parameter `name` may equal `text` (Puppet's `==`), in declaration
   * order: a superset of the matches, never missing one.
   */
  resourcesWithAttribute(type: string, name: string, text: string): readonly CompiledResource[] {
    let indexes = this.byAttribute.get(type);
    if (!indexes) this.byAttribute.set(type, (indexes = new Map()));
    let index = indexes.get(name);
    if (!index) {
      indexes.set(name, (index = new AttributeIndex()));
      for (const resource of this.resourcesOfType(type)) index.add(resource, resource.get(name));
    }
    const candidates = index.candidates(text);
    return candidates.length > 1 ? candidates.sort((a, b) => a.position - b.position) : candidates;
  }

  find(type: string, title: string): CompiledResource | undefined {
    return this.byKey.get(resourceKey(type, title));
  }

  /** Records an evaluated class (or the node definition's name) in `classes` and the catalog's tags. */
  addClass(name: string): void {
    this.classes.push(name);
    this.tagCatalog(name);
  }

  /** A Class or Node resource entering the catalog: its tags so far become catalog tags (after the classes'). */
  mergeCatalogTags(resource: CompiledResource): void {
    for (const tag of resource.tags) this.instantiatedTags.add(tag);
  }

  private tagCatalog(...names: string[]): void {
    for (const raw of names) {
      const name = raw.toLowerCase();
      this.catalogTags.add(name);
      if (name.includes('::')) for (const segment of name.split('::')) this.catalogTags.add(segment);
    }
  }

  /** Puppet's catalog JSON; virtual resources that were never realized are left out. */
  toCatalog(name: string, version: number): Catalog {
    return { ...this.catalogHead(name, version), resources: [...this.catalogResources()], edges: [...this.catalogEdges()], classes: [...this.classes] };
  }

  /**
   * The text of `JSON.stringify(toCatalog(name, version), null, 2)` and a newline, in pieces, one
   * resource or edge at a time: neither the whole catalog object nor the whole text (13 MB for
   * 2,000 wrapper instances) exists at once.
   */
  writeCatalogJson(name: string, version: number, write: (text: string) => void): void {
    write('{\n');
    for (const [key, value] of Object.entries(this.catalogHead(name, version))) write(`  ${JSON.stringify(key)}: ${indentedJson(value)},\n`);
    writeJsonArray('resources', this.catalogResources(), write);
    write(',\n');
    writeJsonArray('edges', this.catalogEdges(), write);
    write(`,\n  "classes": ${indentedJson(this.classes)}\n}\n`);
  }

  /** The catalog's members before `resources`, in Puppet's order. */
  private catalogHead(name: string, version: number): Omit<Catalog, 'resources' | 'edges' | 'classes'> {
    return {
      // Puppet's to_catalog: the classes' tags first, then the compiling catalog's own, in their order.
      tags: [...new Set([...this.catalogTags, ...this.instantiatedTags])],
      name,
      version,
      code_id: null,
      catalog_uuid: pseudoUuid(name, version),
      catalog_format: 2,
      environment: 'production',
    };
  }

  private *catalogResources(): Generator<CatalogResource> {
    for (const resource of this.resources) if (!resource.virtual) yield toCatalogResource(resource);
  }

  private *catalogEdges(): Generator<CatalogEdge> {
    for (const [source, target] of this.orderedEdges()) if (!source.virtual && !target.virtual) yield { source: source.ref, target: target.ref };
  }

  /** Edges grouped by target in resource order, as Puppet's graph lists them. */
  private orderedEdges(): [CompiledResource, CompiledResource][] {
    return this.edges
      .map((edge, index) => ({ edge, index }))
      .sort((a, b) => a.edge[1].position - b.edge[1].position || a.index - b.index)
      .map(({ edge }) => edge);
  }

  /** Copies inheritable metaparameters and tags down containment from `root` (Puppet's add_resource_metaparams). */
  propagateMetaparams(root: CompiledResource): void {
    const children = new Map<CompiledResource, CompiledResource[]>();
    for (const [source, target] of this.edges) {
      let list = children.get(source);
      if (!list) children.set(source, (list = []));
      list.push(target);
    }
    const visited = new Set<CompiledResource>([root]);
    const walk = (source: CompiledResource): void => {
      for (const target of children.get(source) ?? []) {
        if (visited.has(target)) continue;
        visited.add(target);
        for (const name of INHERITED_METAPARAMS) {
          const value = source.params.get(name);
          if (value !== undefined && value.value !== undefined && target.get(name) === undefined) target.params.set(name, value);
        }
        target.mergeTagsFrom(source);
        walk(target);
      }
    };
    walk(root);
  }
}

/** Namevars other than `name` of Puppet's built-in types (single key attribute). */
const TITLE_NAMEVARS: Record<string, string> = { File: 'path', Exec: 'command', Tidy: 'path' };

function toCatalogResource(resource: CompiledResource): CatalogResource {
  // Key order as Puppet writes it: type, title, tags, file, line, exported, kind, parameters.
  const result: CatalogResource = {
    type: resource.type,
    title: resource.title,
    tags: [...resource.tags],
    ...(resource.locationInCatalog && resource.loc ? { file: resource.loc!.file, line: resource.loc!.line } : {}),
    exported: resource.exported,
    kind: resource.kind,
  };
  const parameters: Record<string, CatalogValue> = {};
  const sensitive: string[] = [];
  let count = 0;
  // Only for types declared in manifests: the compiler's own Stage[main] keeps its name (a Symbol
  // in Puppet, so never equal to the title there).
  const namevar = resource.kind === 'compilable_type' && resource.loc ? (TITLE_NAMEVARS[resource.type] ?? 'name') : undefined;
  for (const [name, attribute] of resource.params) {
    if (attribute.value === undefined) continue;
    // "Don't duplicate the title as the namevar" (Puppet::Resource#to_data_hash).
    if (name === namevar && attribute.value === resource.title) continue;
    if (attribute.value instanceof PSensitive) {
      sensitive.push(name);
      parameters[name] = toCatalogValue(attribute.value.value);
    } else {
      parameters[name] = toCatalogValue(attribute.value);
    }
    count++;
  }
  if (count > 0) result.parameters = parameters;
  if (sensitive.length > 0) result.sensitive_parameters = sensitive;
  return result;
}

/** `JSON.stringify(value, null, 2)` as it appears one level into an object. */
function indentedJson(value: unknown, depth = 1): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/** `"name": [...]` one level into an object, formatted as JSON.stringify(..., null, 2) does, item by item. */
function writeJsonArray(name: string, items: Iterable<unknown>, write: (text: string) => void): void {
  let first = true;
  for (const item of items) {
    write(first ? `  ${JSON.stringify(name)}: [\n    ` : ',\n    ');
    write(indentedJson(item, 2));
    first = false;
  }
  write(first ? `  ${JSON.stringify(name)}: []` : '\n  ]');
}

function atLocation(loc: SourceLocation | undefined): string {
  return loc ? ` at (file: ${loc.file}, line: ${loc.line})` : '';
}

function duplicateError(resource: CompiledResource, existing: CompiledResource, errorLoc: SourceLocation | undefined): PapplyError {
  const loc = resource.loc;
  return new PapplyError(
    `Duplicate declaration: ${resource.ref} is already declared${atLocation(existing.loc)}; cannot redeclare${loc ? ` (file: ${loc.file}, line: ${loc.line})` : ''}`,
    errorLoc,
  );
}

/** A stable uuid-shaped id derived from node name and version (catalogs must be reproducible). */
function pseudoUuid(name: string, version: number): string {
  let hash = 0x811c9dc5;
  for (const char of `${name}:${version}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  const hex = hash.toString(16).padStart(8, '0').repeat(4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
