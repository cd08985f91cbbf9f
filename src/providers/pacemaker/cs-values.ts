// Value handling shared by the cs_* types: puppet-corosync's value formats, normalised so that
// what the CIB holds compares equal to what the manifest says when Pacemaker would see no change.

import { durationMs, normalizeScore, SERVICE_OWNED_META } from '../../backends/cib/index.js';
import type { CatalogValue } from '../../compiler/catalog.js';
import { deepEqual, type AttributeDefinition, type AttributeValue } from '../framework/type.js';
import type { Resource } from '../framework/resource.js';

export type StringMap = Record<string, string>;

/** Hash values as the CIB stores them: strings (`3` and `'3'`, `true` and `'true'` are one value). */
export function stringMap(value: unknown): StringMap {
  const result: StringMap = {};
  for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    result[key] = typeof item === 'string' ? item : JSON.stringify(item);
  }
  return result;
}

/** A property holding a hash of strings (parameters, utilization ...). */
export function hashProperty(doc: string, extra: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return {
    kind: 'property',
    doc,
    defaultTo: {},
    // `false` means "not set" in openstack_extras-style wrappers (their defaults for hashes).
    validate: (value) => {
      if (value === false || value === '') return;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('must be a hash');
    },
    munge: (value) => (value === false || value === '' ? {} : stringMap(value)),
    ...extra,
  };
}

/** Meta keys the manifest leaves to others (the service provider): not compared, not removed. */
export function ignoredMeta(resource: Resource, should: StringMap): string[] {
  const unmanaged = ((resource.get('unmanaged_metadata') as string[] | undefined) ?? []).map(String);
  const ignored = [...SERVICE_OWNED_META, ...unmanaged].filter((key) => !(key in should));
  if (resource.get('manage_target_role') === false && !ignored.includes('target-role')) ignored.push('target-role');
  return ignored;
}

/** A hash property's value; `absent` (nothing read) is an empty hash. */
function asMap(value: AttributeValue): StringMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as StringMap) : {};
}

/** Meta insync: keys others own are left out of the comparison. */
export function metaInsync(is: AttributeValue, should: AttributeValue, resource: Resource): boolean {
  const wanted = { ...asMap(should) };
  const ignored = ignoredMeta(resource, wanted);
  for (const key of ignored) delete wanted[key];
  const current = Object.fromEntries(Object.entries(asMap(is)).filter(([key]) => !ignored.includes(key)));
  return deepEqual(current, wanted);
}

/** One operation as puppet-corosync writes it: `{ 'monitor' => { 'interval' => '10s', ... } }`. */
export type OperationEntry = Record<string, StringMap>;

/** operations as a Hash (`{'monitor' => {...}}`, a value may be an Array of hashes) or an Array of single-key hashes. */
export function mungeOperations(value: CatalogValue): OperationEntry[] {
  const entries: OperationEntry[] = [];
  if (value === false || value === '') return entries;
  const add = (rawName: string, options: unknown) => {
    if (Array.isArray(options)) {
      for (const each of options) add(rawName, each);
      return;
    }
    if (options !== null && options !== undefined && (typeof options !== 'object')) {
      throw new Error(`operation ${rawName}: expected a hash of options, got ${JSON.stringify(options)}`);
    }
    // Legacy `monitor:Master` names carry the role.
    const [name, role] = rawName.split(':');
    const map = stringMap(options ?? {});
    if (role && !map.role) map.role = role;
    entries.push({ [name!]: map });
  };
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error('operations must be a hash or an array of hashes');
    for (const [name, options] of Object.entries(item)) add(name, options);
  }
  return entries;
}

function operationKey(entry: OperationEntry): string {
  const [name, options] = Object.entries(entry)[0]!;
  const normalized = Object.entries(options)
    .map(([key, value]) => [key, ['interval', 'timeout', 'start-delay'].includes(key) ? String(durationMs(value) ?? value) : value] as const)
    .filter(([key, value]) => !(key === 'interval' && value === '0'))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([name, normalized]);
}

/** Operations compare as a set, durations by value (10 = 10s). */
export function operationsInsync(is: AttributeValue, should: AttributeValue): boolean {
  const keys = (value: AttributeValue) => (Array.isArray(value) ? (value as OperationEntry[]) : []).map(operationKey).sort();
  return deepEqual(keys(is), keys(should));
}

export function scoreInsync(is: AttributeValue, should: AttributeValue): boolean {
  return normalizeScore(String(is)) === normalizeScore(String(should));
}

/** `ms_galera:Master` → resource `ms_galera`, role/action `Master`. */
export function splitSuffix(value: string): { id: string; suffix?: string } {
  const index = value.indexOf(':');
  return index === -1 ? { id: value } : { id: value.slice(0, index), suffix: value.slice(index + 1) };
}

/** The cs_primitive a name refers to (puppet-corosync's unmunging): role and `ms_` prefix dropped. */
export function primitiveTitle(value: string): string {
  const { id } = splitSuffix(value);
  return id.startsWith('ms_') ? id.slice(3) : id;
}

/** Autorequire of the cs_* a reference names: the title itself and its unmunged primitive. */
export function referencedTitles(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((value) => [splitSuffix(value).id, primitiveTitle(value)]))];
}

/** The optional `cib` parameter of every cs_* type (a shadow CIB): accepted, papply needs none. */
export const cibParameter: AttributeDefinition = {
  kind: 'parameter',
  doc: 'Shadow CIB name (puppet-corosync); papply writes one atomic patch instead and ignores it.',
};

export const corosyncServices = () => ['corosync', 'pacemaker'];

export function isTrueValue(value: string): boolean {
  return ['true', 'yes', 'on', '1', 'y'].includes(value.toLowerCase());
}
