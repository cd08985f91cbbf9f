// cs_order: `first` then `second`, each `resource` or `resource:action` (start when omitted,
// as puppet-corosync munges it), with a kind (Mandatory by default) and symmetry.

import type { CibModel, DesiredItem } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import { booleanAttribute, type AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import { cibParameter, corosyncServices, isTrueValue, referencedTitles, scoreInsync, splitSuffix } from './cs-values.js';

const withAction = (value: unknown) => {
  const text = String(value);
  return text.includes(':') ? text : `${text}:start`;
};

class CsOrderProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const order = model.constraints.get(this.resource.name);
    if (order?.kind !== 'rsc_order') return undefined;
    const firstAction = order.firstAction ?? 'start';
    const current: Record<string, AttributeValue> = {
      ensure: 'present',
      first: `${order.first}:${firstAction}`,
      second: `${order.then}:${order.thenAction ?? firstAction}`,
      kind: order.kindAttribute ?? 'Mandatory',
      symmetrical: order.symmetrical === undefined ? true : isTrueValue(order.symmetrical),
    };
    if (order.score !== undefined) current.score = order.score;
    return current;
  }

  protected override presentItems(): DesiredItem[] {
    const r = this.resource;
    const first = splitSuffix(String(r.get('first')));
    const then = splitSuffix(String(r.get('second')));
    const score = r.get('score');
    return [{
      kind: 'order', owner: r.ref, id: r.name, first: first.id, firstAction: first.suffix, then: then.id, thenAction: then.suffix,
      orderKind: String(r.get('kind')), score: score === undefined ? undefined : String(score), symmetrical: r.get('symmetrical') as boolean,
    }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'absent', owner: this.resource.ref, what: 'constraint', id: this.resource.name }];
  }
}

const orderedNames = (resource: { get(name: string): unknown }) =>
  referencedTitles(['first', 'second'].map((name) => resource.get(name)).filter((value) => value !== undefined).map(String));

export const csOrderType = registerType(
  {
    name: 'cs_order',
    doc: 'A Pacemaker order constraint (puppet-corosync compatible).',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      first: { kind: 'property', doc: 'Resource (and action: `:start`, `:promote` ...) that goes first.', munge: withAction },
      second: { kind: 'property', doc: 'Resource (and action) that follows.', munge: withAction },
      score: { kind: 'property', munge: (value) => String(value), insync: scoreInsync },
      kind: { kind: 'property', values: ['Mandatory', 'Optional', 'Serialize'], defaultTo: 'Mandatory' },
      symmetrical: booleanAttribute('property', true, 'Stop in reverse order.'),
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') === 'absent') return;
      if (resource.get('first') === undefined || resource.get('second') === undefined) throw new Error('first and second are required');
    },
    autorequire: {
      service: corosyncServices,
      cs_primitive: orderedNames,
      cs_clone: orderedNames,
      cs_group: orderedNames,
      cs_shadow: (resource) => (resource.get('cib') === undefined ? [] : [String(resource.get('cib'))]),
    },
  },
  withAliases(CsOrderProvider),
);
