// cs_colocation: resources placed together. puppet-corosync's order: [A, B] places A first and
// B with A (rsc = B, with-rsc = A); more than two become one resource set, placed in order.
// A member may carry a role: `ms_galera:Master`.

import type { CibModel, DesiredItem } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import type { AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import { cibParameter, corosyncServices, referencedTitles, scoreInsync, splitSuffix } from './cs-values.js';

const withRole = (id: string | undefined, role: string | undefined) => (role ? `${id}:${role}` : String(id));

class CsColocationProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const colocation = model.constraints.get(this.resource.name);
    if (colocation?.kind !== 'rsc_colocation') return undefined;
    const primitives = colocation.set.length > 0
      ? colocation.set.map((id) => withRole(id, colocation.setRole))
      : [withRole(colocation.withRsc, colocation.withRscRole), withRole(colocation.rsc, colocation.rscRole)];
    return { ensure: 'present', primitives, score: colocation.score };
  }

  protected override presentItems(): DesiredItem[] {
    const r = this.resource;
    const primitives = r.get('primitives') as string[];
    const score = String(r.get('score'));
    if (primitives.length > 2) {
      const members = primitives.map(splitSuffix);
      const roles = new Set(members.map((member) => member.suffix));
      if (roles.size > 1) throw new Error(`a colocation of more than two resources takes one role for all of them: ${primitives.join(', ')}`);
      return [{ kind: 'colocation', owner: r.ref, id: r.name, score, set: members.map((member) => member.id), setRole: members[0]!.suffix }];
    }
    const first = splitSuffix(primitives[0]!);
    const second = splitSuffix(primitives[1]!);
    return [{
      kind: 'colocation', owner: r.ref, id: r.name, score,
      rsc: second.id, rscRole: second.suffix, withRsc: first.id, withRscRole: first.suffix,
    }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'absent', owner: this.resource.ref, what: 'constraint', id: this.resource.name }];
  }
}

export const csColocationType = registerType(
  {
    name: 'cs_colocation',
    doc: 'A Pacemaker colocation constraint (puppet-corosync compatible): [A, B] means B follows A.',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      primitives: {
        kind: 'property',
        doc: 'At least two resources, optionally with a role suffix (`ms_galera:Master`).',
        validate: (value) => {
          if (!Array.isArray(value)) throw new Error('primitives must be an array');
          if (value.length < 2) throw new Error('primitives must name at least two resources');
        },
        munge: (value) => (value as unknown[]).map(String),
      },
      score: { kind: 'property', defaultTo: 'INFINITY', munge: (value) => String(value), insync: scoreInsync },
      cib: cibParameter,
    },
    autorequire: {
      service: corosyncServices,
      cs_primitive: (resource) => referencedTitles((resource.get('primitives') as string[] | undefined) ?? []),
      cs_clone: (resource) => referencedTitles((resource.get('primitives') as string[] | undefined) ?? []),
      cs_group: (resource) => referencedTitles((resource.get('primitives') as string[] | undefined) ?? []),
      cs_shadow: (resource) => (resource.get('cib') === undefined ? [] : [String(resource.get('cib'))]),
    },
  },
  withAliases(CsColocationProvider),
);
