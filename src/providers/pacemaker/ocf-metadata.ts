// An agent's own recommended timeouts (`<actions><action name="start" timeout="20s"/>` of its
// metadata), the fallback for how long to wait when neither the manifest nor the resource's CIB
// definition says. Asked once per agent per run: crm_resource forks the agent for every query.

import { XMLParser } from 'fast-xml-parser';
import type { Transport } from '../../backends/transport.js';

/** `class:provider:type` (ocf) or `class:type` (systemd, lsb, ...), as crm_resource wants it. */
export function agentSpec(primitiveClass: string, provider: string | undefined, type: string): string {
  return provider ? `${primitiveClass}:${provider}:${type}` : `${primitiveClass}:${type}`;
}

const UNIT_MS: Record<string, number> = {
  ms: 1, msec: 1, us: 0.001, usec: 0.001, s: 1000, sec: 1000, '': 1000,
  m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000,
};

/**
 * Pacemaker's duration syntax in milliseconds: `20`, `20s`, `90000ms`, `2min`, `1h`, or an ISO 8601
 * duration like `PT1M30S`. Undefined when it is not a duration.
 */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const simple = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(trimmed);
  if (simple) {
    const factor = UNIT_MS[simple[2]!.toLowerCase()];
    return factor === undefined ? undefined : Math.round(Number(simple[1]) * factor);
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(trimmed);
  if (iso && trimmed.length > 1 && trimmed.toUpperCase() !== 'PT') {
    const [, days, hours, minutes, seconds] = iso;
    return Math.round(
      (Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000,
    );
  }
  return undefined;
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
    const timeout = parseDuration(action.timeout);
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
