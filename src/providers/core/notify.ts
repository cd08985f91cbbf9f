// notify: sends a message to the log. Always out of sync (its current message is absent).

import type { LogLevel } from '../framework/resource.js';
import { Provider } from '../framework/provider.js';
import { registerType } from '../framework/registry.js';
import { booleanAttribute } from '../framework/type.js';

const LEVELS = new Set<LogLevel>(['debug', 'info', 'notice', 'warning', 'err']);

class NotifyProvider extends Provider {
  static override readonly providerName = 'notify';

  override async get(): Promise<undefined> {
    return undefined;
  }

  override async set(_property: string, message: unknown): Promise<void> {
    // As Puppet's notify: a Sensitive message is announced, never printed.
    const sensitive = this.resource.catalogEntry.sensitive_parameters?.includes('message') ?? false;
    const text = sensitive ? 'Sensitive [value redacted]' : typeof message === 'string' ? message : JSON.stringify(message);
    const requested = String(this.resource.meta.loglevel ?? 'notice') as LogLevel;
    const level = LEVELS.has(requested) ? requested : 'notice';
    if (this.resource.get('withpath')) this.resource.log(level, text);
    else this.context.log(level, text);
  }
}

export const notifyType = registerType(
  {
    name: 'notify',
    doc: 'Sends an arbitrary message to the log.',
    attributes: {
      name: { kind: 'parameter', namevar: true },
      message: { kind: 'property', defaultTo: (resource) => resource.title },
      withpath: booleanAttribute('parameter', false, 'Whether to show the full object path.'),
    },
  },
  [NotifyProvider],
);
