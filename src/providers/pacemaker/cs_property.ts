// cs_property (cluster options in cib-bootstrap-options) and cs_rsc_defaults (resource
// defaults): one nvpair each, named by the title.

import type { CibModel, DesiredItem } from '../../backends/cib/index.js';
import { registerType } from '../framework/registry.js';
import { booleanAttribute, type AttributeValue } from '../framework/type.js';
import { CibProvider, withAliases } from './cib-batch.js';
import { cibParameter, corosyncServices } from './cs-values.js';

class CsPropertyProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const value = model.clusterProperties[this.resource.name];
    return value === undefined ? undefined : { ensure: 'present', value };
  }

  protected override presentItems(): DesiredItem[] {
    return [{ kind: 'property', owner: this.resource.ref, name: this.resource.name, value: String(this.resource.get('value')) }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'property', owner: this.resource.ref, name: this.resource.name, value: undefined }];
  }
}

class CsRscDefaultsProvider extends CibProvider {
  override readCurrent(model: CibModel): Record<string, AttributeValue> | undefined {
    const value = model.rscDefaults[this.resource.name];
    return value === undefined ? undefined : { ensure: 'present', value };
  }

  protected override presentItems(): DesiredItem[] {
    return [{ kind: 'rsc_default', owner: this.resource.ref, name: this.resource.name, value: String(this.resource.get('value')) }];
  }

  protected override absentItems(): DesiredItem[] {
    return [{ kind: 'rsc_default', owner: this.resource.ref, name: this.resource.name, value: undefined }];
  }
}

export const csPropertyType = registerType(
  {
    name: 'cs_property',
    doc: 'A Pacemaker cluster property (crm_config cib-bootstrap-options).',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      value: {
        kind: 'property',
        munge: (value) => String(value),
        // replace => false: an existing value is kept, whatever it is.
        insync: (is, should, resource) => (resource.get('replace') === false && is !== undefined && is !== 'absent') || is === should,
      },
      replace: booleanAttribute('parameter', true, 'false: set the property only when it is not set yet.'),
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') !== 'absent' && resource.get('value') === undefined) throw new Error('value is required');
    },
    autorequire: { service: corosyncServices },
  },
  withAliases(CsPropertyProvider),
);

export const csRscDefaultsType = registerType(
  {
    name: 'cs_rsc_defaults',
    doc: 'A Pacemaker resource default (rsc_defaults meta attribute).',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      value: { kind: 'property', munge: (value) => String(value) },
      cib: cibParameter,
    },
    validate: (resource) => {
      if (resource.get('ensure') !== 'absent' && resource.get('value') === undefined) throw new Error('value is required');
    },
    autorequire: { service: corosyncServices },
  },
  withAliases(CsRscDefaultsProvider),
);
