// An agent's own recommended timeouts (`<actions><action name="start" timeout="20s"/>` of its
// metadata), the fallback for how long to wait when neither the manifest nor the resource's CIB
// definition says. Asked once per agent per run: crm_resource forks the agent for every query.

import { XMLParser } from 'fast-xml-parser';
import { durationMs } from '../../backends/cib/index.js';
import type { Transport } from '../../backends/transport.js';

/** `class:provider:type` (ocf) or `class:type` (systemd, lsb, ...), as crm_resource wants it. */
export function agentSpec(primitiveClass: string, provider: string | undefined, type: string): string {
  return provider ? `${primitiveClass}:${provider}:${type}` : `${primitiveClass}:${type}`;
}

/** Action name → recommended timeout in ms (the first entry per action; monitor roles share it). */
export type ActionTimeouts = ReadonlyMap<string, number>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'action',
});

export function parseActionTimeouts(metadataXml: string): ActionTimeouts {
  const document = parser.parse(metadataXml) as {
    'resource-agent'?: { actions?: { action?: Array<Record<string, string>> } };
  };
  const timeouts = new Map<string, number>();
  for (const action of document['resource-agent']?.actions?.action ?? []) {
    const timeout = durationMs(action.timeout);
    if (action.name && timeout !== undefined && !timeouts.has(action.name)) timeouts.set(action.name, timeout);
  }
  return timeouts;
}

/** Per-run cache of agents' action timeouts; an agent without metadata yields an empty map. */
export class OcfMetadataCache {
  private readonly cache = new Map<string, Promise<ActionTimeouts>>();

  constructor(private readonly transport: Transport) {}

  actionTimeouts(agent: string): Promise<ActionTimeouts> {
    let entry = this.cache.get(agent);
    if (!entry) {
      entry = this.load(agent);
      this.cache.set(agent, entry);
    }
    return entry;
  }

  /** How many agents were queried (each at most once per run). */
  get size(): number {
    return this.cache.size;
  }

  private async load(agent: string): Promise<ActionTimeouts> {
    const result = await this.transport.run('crm_resource', ['--show-metadata', agent]);
    if (result.exitCode !== 0) return new Map();
    return parseActionTimeouts(result.stdout);
  }
}
