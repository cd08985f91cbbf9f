// cs_primitive (puppet-corosync v8.2.0 API): a Pacemaker primitive; `promotable => true` wraps it
// in a promotable clone named `ms_<name>` (Pacemaker 2.1 `<clone>` with promotable=true; an
// existing legacy `<master>` of that name is read and kept).

import { promotableParentId, type CibModel, type DesiredItem } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import { booleanAttribute, type AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import {
  cibParameter, corosyncServices, hashProperty, ignoredMeta, metaInsync, mungeOperations, operationsInsync,
  type OperationEntry, type StringMap,
} from './cs-values.js';

function operationEntries(model: CibModel, id: string): OperationEntry[] {
  const primitive = model.resources.get(id);
  if (primitive?.kind !== 'primitive') return [];
  return primitive.operations.map((op) => ({ [op.name]: { interval: op.interval, ...op.options } }));
}

class CsPrimitiveProvider extends CibProvider {
  static override readonly providerName: string = 'cibpatch';

  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const primitive = model.resources.get(this.resource.name);
    if (primitive?.kind !== 'primitive') return undefined;
    const parent = primitive.parent === undefined ? undefined : model.resources.get(primitive.parent);
    const promotable = parent?.kind === 'clone' && parent.promotable && parent.id === promotableParentId(primitive.id);
    const msMeta = promotable ? { ...parent.meta } : {};
    delete msMeta.promotable;
    return {
      ensure: 'present',
      primitive_class: primitive.class,
      provided_by: primitive.provider,
      primitive_type: primitive.type,
      parameters: primitive.parameters,
      operations: operationEntries(model, primitive.id),
      utilization: primitive.utilization,
      metadata: primitive.meta,
      ms_metadata: msMeta,
      promotable: promotable ? 'true' : 'false',
    };
  }

  protected override presentItems(): DesiredItem[] {
    const r = this.resource;
    const id = r.name;
    const meta = { ...(r.get('metadata') as StringMap) };
    const ignored = ignoredMeta(r, meta);
    if (r.get('manage_target_role') === false) delete meta['target-role'];
    const operations = (r.get('operations') as OperationEntry[]).map((entry) => {
      const [name, options] = Object.entries(entry)[0]!;
      const { interval, ...rest } = options;
      return { name, interval: interval ?? '0', options: rest };
    });
    const items: DesiredItem[] = [{
      kind: 'primitive', owner: r.ref, id,
      class: String(r.get('primitive_class')), provider: r.get('provided_by') as string | undefined, type: String(r.get('primitive_type')),
      parameters: r.get('parameters') as StringMap, operations, meta, utilization: r.get('utilization') as StringMap,
      unmanagedMeta: ignored,
    }];
    if (r.get('promotable') === 'true') {
      items.push({ kind: 'clone', owner: r.ref, id: promotableParentId(id), child: id, meta: r.get('ms_metadata') as StringMap, promotable: true });
    } else if (this.read.promotable === 'true') {
      items.push({ kind: 'absent', owner: r.ref, what: 'resource', id: promotableParentId(id) });
    }
    return items;
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'absent', owner: this.resource.ref, what: 'resource', id: this.resource.name }];
  }
}

export const csPrimitiveType = registerType(
  {
    name: 'cs_primitive',
    doc: 'A Pacemaker primitive resource (puppet-corosync compatible), written as part of one CIB patch.',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      primitive_class: { kind: 'property', doc: 'Agent class: ocf, lsb, systemd, stonith ...' },
      primitive_type: { kind: 'property', doc: 'Agent type, e.g. IPaddr2.' },
      provided_by: { kind: 'property', doc: 'Agent provider (ocf only), e.g. heartbeat.' },
      parameters: hashProperty('Instance attributes of the agent.'),
      operations: {
        kind: 'property',
        doc: "Operations: {'monitor' => {'interval' => '10s'}} or [{'monitor' => {...}}, {'monitor' => {...}}].",
        defaultTo: [],
        validate: (value) => {
          if (value !== false && value !== '' && (value === null || typeof value !== 'object')) throw new Error('operations must be a hash or an array');
        },
        munge: (value) => mungeOperations(value),
        insync: operationsInsync,
      },
      utilization: hashProperty('Utilization attributes.'),
      metadata: hashProperty('Meta attributes of the primitive.', { insync: metaInsync }),
      ms_metadata: hashProperty('Meta attributes of the promotable parent ms_<name>.', { insync: metaInsync }),
      promotable: { kind: 'property', values: ['true', 'false'], defaultTo: 'false', munge: (value) => String(value) },
      unmanaged_metadata: {
        kind: 'parameter',
        doc: 'Meta attributes left alone (besides target-role and is-managed, which the service provider drives).',
        defaultTo: [],
        munge: (value) => (Array.isArray(value) ? value.map(String) : [String(value)]),
      },
      manage_target_role: booleanAttribute('parameter', true, 'false: never touch target-role, even if metadata sets it.'),
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') === 'absent') return;
      if (resource.get('primitive_class') === undefined) throw new Error('primitive_class is required');
      if (resource.get('primitive_type') === undefined) throw new Error('primitive_type is required');
      if (resource.get('primitive_class') === 'ocf' && resource.get('provided_by') === undefined) throw new Error('provided_by is required for ocf agents');
    },
    autorequire: {
      service: corosyncServices,
      cs_shadow: (resource) => (resource.get('cib') === undefined ? [] : [String(resource.get('cib'))]),
    },
  },
  withAliases(CsPrimitiveProvider),
);
