// The matchers for `expect.extend(matchers)`. Each failure message says what was expected and
// what the catalog has: the nearest resources when one is missing, expected against actual
// for every parameter that differs, the declared relationships when one is missing.

import type { Catalog } from '../compiler/catalog.js';
import { findType } from '../providers/framework/registry.js';
import { CompiledCatalog, canonicalRef, type SpecResource } from './catalog.js';
import { matches, show, stringForm, type Expected } from './compare.js';
import { dependencyProblems } from './deps.js';
import { declaredRelationships, notifies, precedes } from './relationships.js';

export type { Expected } from './compare.js';

export interface ResourceExpectation {
  /** Parameters and the values they must have (see Expected). */
  with?: Readonly<Record<string, Expected>>;
  /** Like `with`, and no other parameter may be set (rspec-puppet's only_with; the namevar does not count unless listed). */
  onlyWith?: Readonly<Record<string, Expected>>;
  /** Parameters that must not be set, or (as an object) values they must not match. */
  without?: readonly string[] | Readonly<Record<string, Expected>>;
  /** The resource is applied after these (`that_requires`). */
  requires?: string | readonly string[];
  /** The resource is applied before these (`that_comes_before`). */
  before?: string | readonly string[];
  /** The resource notifies these (`that_notifies`). */
  notifies?: string | readonly string[];
  /** The resource subscribes to these (`that_subscribes_to`). */
  subscribes?: string | readonly string[];
  /** The `content` parameter matches each RegExp / contains each string. */
  contentMatches?: RegExp | string | readonly (RegExp | string)[];
}

export interface ClassExpectation {
  with?: Readonly<Record<string, Expected>>;
  onlyWith?: Readonly<Record<string, Expected>>;
  without?: readonly string[] | Readonly<Record<string, Expected>>;
}

interface MatcherContext {
  isNot: boolean;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function catalogOf(received: unknown): CompiledCatalog {
  if (received instanceof CompiledCatalog) return received;
  if (received instanceof Promise) throw new TypeError('papply/spec: got a Promise; write `expect(await compile(...))` or `await expect(compile(...)).resolves...`');
  const catalog = received as Catalog | undefined;
  if (catalog && Array.isArray(catalog.resources) && Array.isArray(catalog.edges)) return new CompiledCatalog(catalog);
  throw new TypeError(`papply/spec: expected a compiled catalog (from compile()), got ${show(received)}`);
}

function listOf<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to five resources whose refs are closest to the wanted one (same type first). */
function nearest(catalog: CompiledCatalog, wanted: string): SpecResource[] {
  const wantedType = wanted.slice(0, wanted.indexOf('[')).toLowerCase();
  return catalog.resources
    .filter((resource) => resource.ref !== 'Stage[main]' && resource.ref !== 'Class[Settings]' && resource.ref !== 'Class[main]')
    .map((resource) => ({
      resource,
      distance: editDistance(resource.ref.toLowerCase(), wanted.toLowerCase()) + (resource.type.toLowerCase() === wantedType ? 0 : 10),
    }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5)
    .map(({ resource }) => resource);
}

function describeResource(resource: SpecResource): string {
  return resource.file ? `${resource.ref} (${resource.file}${resource.line ? `:${resource.line}` : ''})` : resource.ref;
}

function describeExpectation(expectation: ResourceExpectation): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries({ ...expectation.with, ...expectation.onlyWith })) parts.push(`${name} => ${show(value)}`);
  if (expectation.onlyWith) parts.push('no other parameters');
  const without = expectation.without;
  if (Array.isArray(without)) parts.push(...without.map((name) => `${name} unset`));
  else for (const [name, value] of Object.entries(without ?? {})) parts.push(`${name} not ${show(value)}`);
  for (const ref of listOf(expectation.requires)) parts.push(`requires ${ref}`);
  for (const ref of listOf(expectation.before)) parts.push(`before ${ref}`);
  for (const ref of listOf(expectation.notifies)) parts.push(`notifies ${ref}`);
  for (const ref of listOf(expectation.subscribes)) parts.push(`subscribes to ${ref}`);
  for (const pattern of listOf(expectation.contentMatches)) parts.push(`content matching ${show(pattern)}`);
  return parts.length > 0 ? ` with ${parts.join(', ')}` : '';
}

/** Every way the resource falls short of the expectation, one line each. */
function mismatches(catalog: CompiledCatalog, resource: SpecResource, expectation: ResourceExpectation): string[] {
  const problems: string[] = [];
  const parameters = resource.parameters;
  for (const [name, expected] of Object.entries({ ...expectation.with, ...expectation.onlyWith })) {
    if (!matches(expected, parameters[name])) problems.push(`${name}: expected ${show(expected)}, got ${show(parameters[name])}`);
  }
  if (expectation.onlyWith) {
    const namevar = findType(resource.type)?.namevars[0] ?? 'name';
    const listed = new Set(Object.keys(expectation.onlyWith));
    const others = Object.keys(parameters).filter((name) => !listed.has(name) && name !== namevar);
    if (others.length > 0) problems.push(`only the given parameters: also set ${others.map((name) => `${name} => ${show(parameters[name])}`).join(', ')}`);
  }
  const without = expectation.without;
  if (Array.isArray(without)) {
    for (const name of without as readonly string[]) {
      if (parameters[name] !== undefined) problems.push(`${name}: expected unset, got ${show(parameters[name])}`);
    }
  } else {
    for (const [name, unwanted] of Object.entries(without ?? {})) {
      if (parameters[name] !== undefined && matches(unwanted as Expected, parameters[name])) problems.push(`${name}: expected not ${show(unwanted)}, got ${show(parameters[name])}`);
    }
  }
  const relationshipChecks: [string | readonly string[] | undefined, string, (other: SpecResource) => boolean][] = [
    [expectation.requires, 'requires', (other) => precedes(catalog, other, resource)],
    [expectation.before, 'comes before', (other) => precedes(catalog, resource, other)],
    [expectation.notifies, 'notifies', (other) => notifies(catalog, resource, other)],
    [expectation.subscribes, 'subscribes to', (other) => notifies(catalog, other, resource)],
  ];
  for (const [refs, verb, holds] of relationshipChecks) {
    for (const ref of listOf(refs)) {
      const other = catalog.resource(ref);
      if (!other) problems.push(`${verb} ${ref}: the catalog has no ${canonicalRef(ref) ?? ref}`);
      else if (!holds(other)) problems.push(`${verb} ${other.ref}: no such relationship (${resource.ref} declares ${declaredRelationships(resource)}; ${other.ref} declares ${declaredRelationships(other)})`);
    }
  }
  const patterns = listOf(expectation.contentMatches);
  if (patterns.length > 0) {
    const content = parameters.content;
    for (const pattern of patterns) {
      const found = content !== undefined && (typeof pattern === 'string' ? stringForm(content).includes(pattern) : matches(pattern, content));
      if (!found) problems.push(`content: expected to ${typeof pattern === 'string' ? 'contain' : 'match'} ${show(pattern)}, got ${show(content)}`);
    }
  }
  return problems;
}

function containResource(this: MatcherContext, received: unknown, reference: string, expectation: ResourceExpectation = {}): MatcherResult {
  const catalog = catalogOf(received);
  const wanted = canonicalRef(reference);
  if (wanted === undefined) throw new TypeError(`papply/spec: '${reference}' is not a resource reference (Type[title])`);
  const resource = catalog.resource(reference);
  const headline = `expected the catalog ${this.isNot ? 'not ' : ''}to contain ${wanted}${describeExpectation(expectation)}`;
  if (!resource) {
    const near = nearest(catalog, wanted);
    const hint = near.length > 0 ? `\nnearest resources in the catalog:\n${near.map((r) => `  ${describeResource(r)}`).join('\n')}` : '\nthe catalog has no resources';
    return { pass: false, message: () => `${headline}, but it has no ${wanted}${hint}` };
  }
  const problems = mismatches(catalog, resource, expectation);
  if (problems.length > 0) {
    return { pass: false, message: () => `${headline}, but ${describeResource(resource)} differs:\n${problems.map((p) => `  ${p}`).join('\n')}` };
  }
  return { pass: true, message: () => `${headline}, but it does: ${describeResource(resource)}` };
}

function countMessage(expected: number, what: string, found: SpecResource[], isNot: boolean): string {
  const listing = found.slice(0, 40).map((resource) => `  ${resource.ref}`).join('\n');
  const more = found.length > 40 ? `\n  ... and ${found.length - 40} more` : '';
  return `expected the catalog ${isNot ? 'not ' : ''}to contain exactly ${expected} ${what}, but it contains ${found.length}${found.length > 0 ? `:\n${listing}${more}` : ''}`;
}

/** Resources as rspec-puppet's have_resource_count counts them: everything but classes, nodes and Stage[main]. */
export function countedResources(catalog: CompiledCatalog, type?: string): SpecResource[] {
  if (type !== undefined) return catalog.resourcesOfType(type);
  return catalog.resources.filter((resource) => resource.type !== 'Class' && resource.type !== 'Node' && resource.ref !== 'Stage[main]');
}

/** Classes as rspec-puppet's have_class_count counts them: without Class[main] and Class[Settings]. */
export function countedClasses(catalog: CompiledCatalog): SpecResource[] {
  return catalog.resources.filter((resource) => resource.type === 'Class' && resource.ref !== 'Class[main]' && resource.ref !== 'Class[Settings]');
}

export const matchers = {
  /** `expect(catalog).toContainResource('Cs_primitive[p_vip]', { with: {...}, requires: 'Package[x]' })` */
  toContainResource(this: MatcherContext, received: unknown, reference: string, expectation?: ResourceExpectation): MatcherResult {
    return containResource.call(this, received, reference, expectation);
  },

  /** `expect(catalog).toContainClass('corosync', { with: { cluster_name: 'ha' } })` */
  toContainClass(this: MatcherContext, received: unknown, name: string, expectation?: ClassExpectation): MatcherResult {
    return containResource.call(this, received, `Class[${name}]`, expectation);
  },

  /** Resources other than classes, nodes and Stage[main] (defined instances count); with `type`, resources of that type. */
  toHaveResourceCount(this: MatcherContext, received: unknown, expected: number, type?: string): MatcherResult {
    const found = countedResources(catalogOf(received), type);
    const what = `${type === undefined ? '' : `${canonicalRef(`${type}[x]`)!.slice(0, -3)} `}resource${expected === 1 ? '' : 's'}`;
    return { pass: found.length === expected, message: () => countMessage(expected, what, found, this.isNot) };
  },

  /** Declared classes other than main and settings. */
  toHaveClassCount(this: MatcherContext, received: unknown, expected: number): MatcherResult {
    const found = countedClasses(catalogOf(received));
    return { pass: found.length === expected, message: () => countMessage(expected, expected === 1 ? 'class' : 'classes', found, this.isNot) };
  },

  /** Every relationship names a resource of the catalog, and the relationship graph has no cycle. */
  toCompileWithAllDeps(this: MatcherContext, received: unknown): MatcherResult {
    const problems = dependencyProblems(catalogOf(received));
    return {
      pass: problems.length === 0,
      message: () =>
        this.isNot
          ? 'expected the catalog to have a missing dependency or a cycle, but every relationship resolves and there is no cycle'
          : `expected every relationship to resolve without cycles, but:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    };
  },
};

/** The matchers' signatures as they read on `expect(...)`. */
export interface CatalogMatchers<R = unknown> {
  toContainResource(reference: string, expectation?: ResourceExpectation): R;
  toContainClass(name: string, expectation?: ClassExpectation): R;
  toHaveResourceCount(count: number, type?: string): R;
  toHaveClassCount(count: number): R;
  toCompileWithAllDeps(): R;
}
