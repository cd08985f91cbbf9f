// Resource agents as the node knows them: Pacemaker accepts a primitive naming an agent that does
// not exist, or parameters the agent does not take, and only fails when it starts it. papply asks
// the agent's metadata first (once per agent per session) and refuses such a primitive up front.

import type { Transport } from '../transport.js';
import { pacemakerMessage } from './backend.js';
import type { DesiredItem } from './desired.js';
import { childrenNamed, firstChild, parseXml } from './xml.js';

interface AgentInfo {
  /** crm_resource's complaint when the agent cannot be found. */
  error?: string;
  parameters: Set<string>;
}

/** Classes whose agents describe their parameters in metadata. */
const DESCRIBED_CLASSES = new Set(['ocf', 'stonith']);

export class AgentCatalog {
  private readonly agents = new Map<string, Promise<AgentInfo>>();

  constructor(private readonly transport: Transport) {}

  private lookup(spec: string): Promise<AgentInfo> {
    let found = this.agents.get(spec);
    if (!found) {
      found = this.transport.run('crm_resource', ['--show-metadata', spec]).then((result) => {
        if (result.exitCode !== 0) return { error: pacemakerMessage(result).split('\n')[0], parameters: new Set<string>() };
        const parameters = firstChild(parseXml(result.stdout), 'parameters');
        return { parameters: new Set(childrenNamed(parameters ?? { name: '', attributes: {}, children: [] }, 'parameter').map((p) => p.attributes.name ?? '')) };
      });
      this.agents.set(spec, found);
    }
    return found;
  }

  /** Problems of the primitives among `items`, as `owner: message`. */
  async check(items: readonly DesiredItem[]): Promise<{ owner: string; message: string }[]> {
    const problems: { owner: string; message: string }[] = [];
    for (const item of items) {
      if (item.kind !== 'primitive' || !DESCRIBED_CLASSES.has(item.class)) continue;
      const spec = [item.class, item.provider, item.type].filter(Boolean).join(':');
      const agent = await this.lookup(spec);
      if (agent.error) {
        problems.push({ owner: item.owner, message: `resource agent ${spec} is not available on ${this.transport.nodeName}: ${agent.error}` });
        continue;
      }
      const unknown = Object.keys(item.parameters).filter((name) => !agent.parameters.has(name));
      if (unknown.length > 0) {
        problems.push({ owner: item.owner, message: `${spec} has no parameter ${unknown.join(', ')} (it takes: ${[...agent.parameters].sort().join(', ')})` });
      }
    }
    return problems;
  }
}
