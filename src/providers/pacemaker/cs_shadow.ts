// cs_shadow and cs_commit: puppet-corosync's shadow CIB workflow. papply needs none (every run
// writes one atomic patch), so both are accepted and do nothing but say so in the debug log.

import type { ApplyContext } from '../framework/context.js';
import { Provider } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import type { Resource } from '../framework/resource.js';
import { booleanAttribute } from '../framework/type.js';
import { cibParameter } from './cs-values.js';

class ShadowNoopProvider extends Provider {
  static override readonly providerName: string = 'cibpatch';

  static async prefetch(resources: readonly Resource[], context: ApplyContext): Promise<void> {
    for (const resource of resources) {
      context.log('debug', `${resource.ref}: shadow CIBs are not needed, papply applies one atomic CIB patch; nothing to do`, resource);
    }
  }
}

class CrmShadowNoop extends ShadowNoopProvider {
  static override readonly providerName: string = 'crm';
}

class PcsShadowNoop extends ShadowNoopProvider {
  static override readonly providerName: string = 'pcs';
}

const providers = [ShadowNoopProvider, CrmShadowNoop, PcsShadowNoop];

export const csShadowType = registerType(
  {
    name: 'cs_shadow',
    doc: 'Accepted for puppet-corosync compatibility; does nothing.',
    attributes: {
      name: { kind: 'parameter', namevar: true },
      cib: cibParameter,
      autocommit: booleanAttribute('parameter', true),
      isempty: booleanAttribute('parameter', false),
    },
  },
  providers,
);

export const csCommitType = registerType(
  {
    name: 'cs_commit',
    doc: 'Accepted for puppet-corosync compatibility; does nothing.',
    attributes: {
      name: { kind: 'parameter', namevar: true },
      cib: cibParameter,
    },
    autorequire: { cs_shadow: (resource) => [String(resource.get('cib') ?? resource.name)] },
  },
  providers,
);
