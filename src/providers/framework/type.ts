// Declarative resource types: what a type's attributes are, how their values are checked and
// normalised, and which providers implement it. See ./index.ts for the guide.

import type { Catalog, CatalogResource, CatalogValue } from '../../compiler/catalog.js';
import type { ProviderClass } from './provider.js';
import type { Resource } from './resource.js';

/** A value after munging: whatever the attribute's `munge` returns (catalog values when none). */
export type AttributeValue = unknown;

/** A default: a plain value, or a function of the resource (computed when the catalog leaves it out). */
export type DefaultValue = string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown } | ((resource: Resource) => AttributeValue);

export interface AttributeDefinition {
  /** `property`: state of the system, compared and synced; `parameter`: how to do it. */
  kind: 'property' | 'parameter';
  doc?: string;
  /** The namevar defaults to the title (or the title-pattern capture of that name). */
  namevar?: boolean;
  /**
   * Allowed values (strings compare on String(value); regexps match it). Anything else is
   * rejected with Puppet's wording: `Invalid value "x". Valid values are a, b.`
   * Array values are checked element by element.
   */
  values?: readonly (string | RegExp)[];
  /** Extra validation of the raw value; throw an Error whose message explains what is wrong. */
  validate?: (value: CatalogValue, resource: Resource) => void;
  /** Normalise the raw value (after validation): `'0644'` → `'644'`, `'true'` → `true` ... */
  munge?: (value: CatalogValue, resource: Resource) => AttributeValue;
  /** Value when the catalog leaves the attribute out (a function receives the resource). */
  defaultTo?: DefaultValue;
  /** Property only: is the current value `is` in sync with the wanted value `should`? Default: deep equality. */
  insync?: (is: AttributeValue, should: AttributeValue, resource: Resource) => boolean;
  /** How a value prints in change messages, quotes included (default: formatValue, Puppet's `%p`). */
  format?: (value: AttributeValue, resource: Resource) => string;
  /** Property only: the change message instead of `x changed 'a' to 'b'` (exec: `executed successfully`). */
  changeMessage?: (is: AttributeValue, should: AttributeValue, resource: Resource) => string;
  /** Property only: called when out of sync, before the sync or noop report (file content diffs). */
  showChange?: (is: AttributeValue, should: AttributeValue, resource: Resource) => Promise<void> | void;
  /** Provider features this attribute needs; using it with a provider lacking them is an error. */
  requiredFeatures?: readonly string[];
}

export interface TitlePattern {
  pattern: RegExp;
  /** Attribute names receiving the capture groups, in order. */
  fields: readonly string[];
}

export interface EnsureDefinition {
  /** Allowed ensure values; `present`/`absent` call create/destroy, others the provider's set('ensure'). */
  values?: readonly (string | RegExp)[];
  defaultTo?: DefaultValue;
  munge?: (value: CatalogValue, resource: Resource) => AttributeValue;
  insync?: (is: AttributeValue, should: AttributeValue, resource: Resource) => boolean;
  /** Instead of `created` / `removed` / `ensure changed 'a' to 'b'`. */
  changeMessage?: (is: AttributeValue, should: AttributeValue, resource: Resource) => string;
}

export interface TypeDefinition {
  /** Lower case as in manifests: `file`, `cs_primitive`, `concat::fragment`. */
  name: string;
  doc?: string;
  attributes: Record<string, AttributeDefinition>;
  /** Adds the `ensure` property (present/absent by default) backed by exists/create/destroy. */
  ensurable?: boolean | EnsureDefinition;
  /**
   * Whether two resources with the same namevar are the same thing (Puppet's isomorphic; default
   * true: duplicates are errors and the namevar is an alias). exec is not: many execs may run
   * the same command.
   */
  isomorphic?: boolean;
  /** Default: the whole title goes to the (single) namevar. */
  titlePatterns?: readonly TitlePattern[];
  /**
   * Implicit dependencies on resources *if they are in the catalog*: type name (lower case) →
   * titles this resource needs before it (file: its parent directory; exec: its cwd).
   */
  autorequire?: Record<string, (resource: Resource, catalog: Catalog) => readonly string[]>;
  /** Same, but this resource goes before them. */
  autobefore?: Record<string, (resource: Resource, catalog: Catalog) => readonly string[]>;
  /** Checks across attributes, after each attribute was validated and munged. Throw to reject. */
  validate?: (resource: Resource) => void;
  /**
   * Reaction to refresh events (notify/subscribe/`~>`): exec re-runs, service restarts.
   * Types without it ignore refresh events, as in Puppet.
   */
  refresh?: (resource: Resource) => Promise<void>;
  /**
   * Puppet's eval_generate: resources this one makes at apply time (file `recurse`: one file per
   * entry of the tree), as catalog entries. The engine evaluates them right after it, in the same
   * container; ones the catalog already has are left to the catalog's own, and a change among
   * them reaches what this resource notifies.
   */
  generate?: (resource: Resource) => Promise<CatalogResource[]>;
}

/** A type with its providers, as the engine uses it. */
export class ResourceType {
  readonly name: string;
  readonly attributes: Map<string, AttributeDefinition>;
  readonly providers = new Map<string, ProviderClass>();
  readonly namevars: string[];

  constructor(readonly definition: TypeDefinition) {
    this.name = definition.name;
    this.attributes = new Map();
    if (definition.ensurable) {
      const ensure = definition.ensurable === true ? {} : definition.ensurable;
      this.attributes.set('ensure', {
        kind: 'property',
        values: ensure.values ?? ['present', 'absent'],
        defaultTo: ensure.defaultTo,
        munge: ensure.munge,
        insync: ensure.insync,
        changeMessage: ensure.changeMessage,
      });
    }
    for (const [name, attribute] of Object.entries(definition.attributes)) this.attributes.set(name, attribute);
    this.namevars = [...this.attributes].filter(([, a]) => a.namevar).map(([name]) => name);
    if (this.namevars.length === 0) {
      // Puppet's default namevar is `name`.
      this.attributes.set('name', { kind: 'parameter', namevar: true });
      this.namevars.push('name');
    }
  }

  get isEnsurable(): boolean {
    return Boolean(this.definition.ensurable);
  }

  /** `file` → `File`, `concat::fragment` → `Concat::Fragment`: the form in references. */
  get refName(): string {
    return this.name
      .split('::')
      .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1))
      .join('::');
  }

  properties(): string[] {
    return [...this.attributes].filter(([, a]) => a.kind === 'property').map(([name]) => name);
  }

  titlePatterns(): readonly TitlePattern[] {
    return this.definition.titlePatterns ?? [{ pattern: /^([\s\S]*)$/, fields: [this.namevars[0]!] }];
  }

  /** Extra attributes for a provider (e.g. pacemaker's on service); existing names are kept. */
  addAttributes(attributes: Record<string, AttributeDefinition>): void {
    for (const [name, attribute] of Object.entries(attributes)) {
      if (this.attributes.has(name)) throw new Error(`type ${this.name} already has an attribute ${name}`);
      this.attributes.set(name, attribute);
    }
  }

  addProvider(provider: ProviderClass): void {
    this.providers.set(provider.providerName, provider);
  }
}

export function defineType(definition: TypeDefinition): ResourceType {
  return new ResourceType(definition);
}

/** Puppet's wording for a value outside `values`. */
export function checkAllowedValues(value: CatalogValue, allowed: readonly (string | RegExp)[]): void {
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    const text = typeof item === 'string' ? item : JSON.stringify(item);
    const ok = allowed.some((candidate) => (typeof candidate === 'string' ? candidate === String(item) : candidate.test(String(item))));
    if (!ok) {
      const names = allowed.filter((a): a is string => typeof a === 'string');
      const patterns = allowed.filter((a): a is RegExp => a instanceof RegExp);
      const parts: string[] = [];
      if (names.length > 0) parts.push(`Valid values are ${names.join(', ')}.`);
      if (patterns.length > 0) parts.push(`Valid values match ${patterns.map((p) => `/${p.source}/`).join(', ')}.`);
      throw new Error(`Invalid value ${JSON.stringify(text.replace(/^"|"$/g, ''))}. ${parts.join(' ')}`);
    }
  }
}

/**
 * Puppet's display of values in messages (`%p`): strings quoted `'a'`, numbers and booleans bare,
 * arrays `['a', 'b']`, hashes `{'k' => 'v'}`; undefined is `'absent'`.
 */
export function formatValue(value: AttributeValue): string {
  if (value === undefined || value === null) return "'absent'";
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `'${k}' => ${formatValue(v)}`).join(', ')}}`;
  }
  return `'${String(value)}'`;
}

/** Structural equality on JSON-like values (the default insync). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => deepEqual(left[key], right[key]));
}

/** insync that ignores order (arrays as sets), for properties like member lists. */
export function unorderedInsync(is: AttributeValue, should: AttributeValue): boolean {
  if (!Array.isArray(is) || !Array.isArray(should)) return deepEqual(is, should);
  const key = (v: unknown) => JSON.stringify(v);
  return deepEqual([...is].map(key).sort(), [...should].map(key).sort());
}

/** Munges Puppet's boolean spellings (`true`, `'true'`, `'yes'`, ...) to booleans. */
export function booleanAttribute(kind: 'property' | 'parameter', defaultTo?: boolean, doc?: string): AttributeDefinition {
  return {
    kind,
    doc,
    defaultTo,
    values: ['true', 'false', 'yes', 'no'],
    munge: (value) => value === true || value === 'true' || value === 'yes',
  };
}
