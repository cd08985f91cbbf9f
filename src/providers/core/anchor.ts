// anchor (from stdlib): a resource that does nothing, used to contain classes in old modules.
// It answers refresh events so that they pass through it, as stdlib's does.

import { Provider } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';

class AnchorProvider extends Provider {
  static override readonly providerName = 'anchor';
}

export const anchorType = registerType(
  {
    name: 'anchor',
    doc: 'A no-op resource to anchor classes (containment in Puppet 2.x style modules).',
    attributes: { name: { kind: 'parameter', namevar: true } },
    refresh: async () => {},
  },
  [AnchorProvider],
);
