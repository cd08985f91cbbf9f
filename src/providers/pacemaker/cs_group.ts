// cs_group: an ordered group of primitives (they start in this order, stop in reverse).

import type { CibModel, DesiredItem } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import type { AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import { cibParameter, corosyncServices, primitiveTitle } from './cs-values.js';

class CsGroupProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const group = model.resources.get(this.resource.name);
    if (group?.kind !== 'group') return undefined;
    return { ensure: 'present', primitives: group.members };
  }

  protected override presentItems(): DesiredItem[] {
    const r = this.resource;
    return [{ kind: 'group', owner: r.ref, id: r.name, members: r.get('primitives') as string[], meta: {} }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'absent', owner: this.resource.ref, what: 'resource', id: this.resource.name }];
  }
}

export const csGroupType = registerType(
  {
    name: 'cs_group',
    doc: 'A Pacemaker group of primitives, in start order (puppet-corosync compatible).',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      primitives: {
        kind: 'property',
        doc: 'The primitives of the group, in start order.',
        munge: (value) => (Array.isArray(value) ? value.map(String) : [String(value)]),
      },
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') === 'absent') return;
      const primitives = resource.get('primitives') as string[] | undefined;
      if (!primitives || primitives.length === 0) throw new Error('primitives must name at least one primitive');
    },
    autorequire: {
      service: corosyncServices,
      cs_primitive: (resource) => ((resource.get('primitives') as string[] | undefined) ?? []).map(primitiveTitle),
      cs_shadow: (resource) => (resource.get('cib') === undefined ? [] : [String(resource.get('cib'))]),
    },
  },
  withAliases(CsGroupProvider),
);
