// cs_clone: a clone of one primitive or group. The puppet-corosync attributes are clone meta
// attributes (clone_max → clone-max ...); `absent` (the default) means "not set".

import type { CibModel, DesiredItem } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import type { AttributeDefinition, AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import { cibParameter, corosyncServices, primitiveTitle } from './cs-values.js';

/** Type attribute → clone meta attribute. */
const META: Record<string, string> = {
  clone_max: 'clone-max',
  clone_node_max: 'clone-node-max',
  notify_clones: 'notify',
  globally_unique: 'globally-unique',
  ordered: 'ordered',
  interleave: 'interleave',
  promotable: 'promotable',
  promoted_max: 'promoted-max',
  promoted_node_max: 'promoted-node-max',
};
const NUMERIC = new Set(['clone_max', 'clone_node_max', 'promoted_max', 'promoted_node_max']);

function metaAttribute(name: string): AttributeDefinition {
  return {
    kind: 'property',
    doc: `Clone meta attribute ${META[name]}.`,
    values: NUMERIC.has(name) ? [/^\d+$/, 'absent'] : ['true', 'false', 'absent'],
    defaultTo: 'absent',
    munge: (value) => String(value),
  };
}

class CsCloneProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const clone = model.resources.get(this.resource.name);
    if (clone?.kind !== 'clone') return undefined;
    const child = clone.child === undefined ? undefined : model.resources.get(clone.child);
    const current: Record<string, AttributeValue> = {
      ensure: 'present',
      primitive: child?.kind === 'primitive' ? child.id : 'absent',
      group: child?.kind === 'group' ? child.id : 'absent',
    };
    for (const [name, meta] of Object.entries(META)) current[name] = clone.meta[meta] ?? 'absent';
    if (clone.legacyMaster) current.promotable = 'true';
    return current;
  }

  protected override presentItems(): DesiredItem[] {
    const r = this.resource;
    const meta: Record<string, string> = {};
    for (const [name, key] of Object.entries(META)) {
      const value = r.get(name);
      if (value !== undefined && value !== 'absent') meta[key] = String(value);
    }
    const child = String(r.get('primitive') !== undefined && r.get('primitive') !== 'absent' ? r.get('primitive') : r.get('group'));
    return [{ kind: 'clone', owner: r.ref, id: r.name, child, meta, promotable: meta.promotable === 'true' }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'absent', owner: this.resource.ref, what: 'resource', id: this.resource.name }];
  }
}

export const csCloneType = registerType(
  {
    name: 'cs_clone',
    doc: 'A Pacemaker clone of a primitive or a group (puppet-corosync compatible).',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      primitive: { kind: 'property', doc: 'The primitive to clone.' },
      group: { kind: 'property', doc: 'The group to clone.' },
      ...Object.fromEntries(Object.keys(META).map((name) => [name, metaAttribute(name)])),
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') === 'absent') return;
      const given = ['primitive', 'group'].filter((name) => resource.get(name) !== undefined && resource.get(name) !== 'absent');
      if (given.length > 1) throw new Error('You cannot specify primitive and group on this type (only one)');
      if (given.length === 0) throw new Error('You must specify primitive or group');
    },
    autorequire: {
      service: corosyncServices,
      cs_primitive: (resource) => (resource.get('primitive') === undefined ? [] : [primitiveTitle(String(resource.get('primitive')))]),
      cs_group: (resource) => (resource.get('group') === undefined ? [] : [String(resource.get('group'))]),
      cs_shadow: (resource) => (resource.get('cib') === undefined ? [] : [String(resource.get('cib'))]),
    },
  },
  withAliases(CsCloneProvider),
);
