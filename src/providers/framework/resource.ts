// One resource of the catalog as the engine applies it: its type, its validated and munged
// attribute values, its metaparameters and the provider instance that acts for it.

import type { CatalogResource, CatalogValue } from '../../compiler/catalog.js';
import { revealNestedSensitive } from '../../engine/redact.js';
import { PapplyError } from '../../errors.js';
import type { Provider } from './provider.js';
import { checkAllowedValues, type AttributeValue, type ResourceType } from './type.js';

/** Metaparameters: handled by the engine, valid on every type. */
export const METAPARAMETERS = new Set([
  'require',
  'before',
  'notify',
  'subscribe',
  'tag',
  'noop',
  'loglevel',
  'alias',
  'audit',
  'schedule',
  'stage',
  'provider',
]);

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'err';

/** Where a resource's messages go (set by the engine). */
export interface ResourceLogSink {
  /** `source`: the resource's path, or `path/property` for property messages. */
  log(level: LogLevel, message: string, source: string): void;
}

export class Resource {
  readonly ref: string;
  readonly title: string;
  /** Munged values of attributes (parameters and the wanted values of properties). */
  private readonly values = new Map<string, AttributeValue>();
  /** Raw metaparameter values from the catalog (`require`, `noop`, `tag` ...). */
  readonly meta: Record<string, CatalogValue> = {};
  readonly tags: Set<string>;
  /** `/Stage[main]/Profile::Vip/Cs_primitive[vip]`: the prefix of every message (set by the engine). */
  path: string;
  /** The provider instance acting for this resource (set by the engine before prefetch). */
  provider!: Provider;
  /** Set by the engine; messages before that are dropped. */
  logSink?: ResourceLogSink;
  /** The catalog's entry, with Sensitive values nested in parameters revealed (and those parameters listed as sensitive). */
  readonly catalogEntry: CatalogResource;

  constructor(
    readonly type: ResourceType,
    entry: CatalogResource,
  ) {
    const catalogEntry = revealNestedSensitive(entry);
    this.catalogEntry = catalogEntry;
    this.title = catalogEntry.title;
    this.ref = `${type.refName}[${catalogEntry.title}]`;
    this.path = `/${this.ref}`;
    this.tags = new Set(catalogEntry.tags ?? []);
    const parameters = catalogEntry.parameters ?? {};
    for (const [name, value] of Object.entries(parameters)) {
      if (METAPARAMETERS.has(name)) {
        this.meta[name] = value;
        continue;
      }
      if (!type.attributes.has(name)) {
        throw new PapplyError(`${this.ref}: no parameter named '${name}'${this.where()}`);
      }
    }
    this.assignNamevarsFromTitle(parameters);
    // Given values first, defaults after: a default may depend on other attributes (file's ensure).
    const defaulted: string[] = [];
    for (const [name, attribute] of type.attributes) {
      const raw: CatalogValue | undefined = parameters[name] ?? (this.values.has(name) ? (this.values.get(name) as CatalogValue) : undefined);
      if (raw === undefined) {
        defaulted.push(name);
        continue;
      }
      try {
        if (attribute.values) checkAllowedValues(raw, attribute.values);
        attribute.validate?.(raw, this);
        this.values.set(name, attribute.munge ? attribute.munge(raw, this) : raw);
      } catch (error) {
        throw new PapplyError(`Parameter ${name} failed on ${this.ref}: ${(error as Error).message}${this.where()}`, undefined, { cause: error });
      }
    }
    for (const name of defaulted) {
      const attribute = type.attributes.get(name)!;
      const fallback = typeof attribute.defaultTo === 'function' ? attribute.defaultTo(this) : attribute.defaultTo;
      // Defaults are trusted values: they skip validation but still go through munge.
      if (fallback !== undefined) this.values.set(name, attribute.munge ? attribute.munge(fallback as CatalogValue, this) : fallback);
    }
    try {
      type.definition.validate?.(this);
    } catch (error) {
      throw new PapplyError(`${this.ref}: ${(error as Error).message}${this.where()}`, undefined, { cause: error });
    }
  }

  private assignNamevarsFromTitle(parameters: Record<string, CatalogValue>): void {
    const missing = this.type.namevars.filter((name) => parameters[name] === undefined);
    if (missing.length === 0) return;
    for (const { pattern, fields } of this.type.titlePatterns()) {
      const match = pattern.exec(this.title);
      if (!match) continue;
      fields.forEach((field, index) => {
        if (parameters[field] === undefined && match[index + 1] !== undefined) this.values.set(field, match[index + 1]);
      });
      return;
    }
    throw new PapplyError(`${this.ref}: no title pattern of ${this.type.name} matches '${this.title}'${this.where()}`);
  }

  private where(): string {
    const { file, line } = this.catalogEntry;
    return file ? ` (file: ${file}${line ? `, line: ${line}` : ''})` : '';
  }

  /** The path `ref` has beside this resource, in its container (what it generates goes there). */
  pathBeside(ref: string): string {
    return `${this.path.slice(0, this.path.length - this.ref.length)}${ref}`;
  }

  /** The munged value of an attribute, or undefined when neither set nor defaulted. */
  get(name: string): AttributeValue {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Replace a value (providers and types normalising after the fact, rare). */
  set(name: string, value: AttributeValue): void {
    this.values.set(name, value);
  }

  /** The (first) namevar's value: file path, package name, exec command ... */
  get name(): string {
    return String(this.values.get(this.type.namevars[0]!) ?? this.title);
  }

  /** Properties that have a wanted value, `ensure` first (the order in which they are synced). */
  managedProperties(): string[] {
    return this.type.properties().filter((name) => this.values.has(name));
  }

  /** The run's --noop (set by the engine); the resource's own `noop` wins over it. */
  runNoop = false;

  /** Whether this resource only reports: its `noop` metaparameter if set (true or false), else --noop. */
  get noop(): boolean {
    const value = this.meta.noop;
    if (value === undefined || value === null) return this.runNoop;
    return value === true || value === 'true';
  }

  log(level: LogLevel, message: string): void {
    this.logSink?.log(level, message, this.path);
  }
  /** A message about one property: `Notice: /Stage[main]/Main/Exec[x]/returns: ...`. */
  logProperty(property: string, level: LogLevel, message: string): void {
    this.logSink?.log(level, message, `${this.path}/${property}`);
  }
  debug(message: string): void {
    this.log('debug', message);
  }
  info(message: string): void {
    this.log('info', message);
  }
  notice(message: string): void {
    this.log('notice', message);
  }
  warning(message: string): void {
    this.log('warning', message);
  }
  err(message: string): void {
    this.log('err', message);
  }
}
