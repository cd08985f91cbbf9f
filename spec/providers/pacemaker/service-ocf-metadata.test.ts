// Agents' recommended timeouts read from the metadata the installed resource agents print.
import { describe, it, expect } from 'vitest';
import { LocalTransport, type RunOptions } from '../../../src/backends/transport.js';
import { OcfMetadataCache, agentSpec } from '../../../src/providers/pacemaker/ocf-metadata.js';

/** Counts crm_resource calls so the per-run cache is observable. */
class CountingTransport extends LocalTransport {
  calls = 0;
  override async run(file: string, args: readonly string[], options?: RunOptions) {
    if (file === 'crm_resource') this.calls++;
    return super.run(file, args, options);
  }
}

describe('OcfMetadataCache', () => {
  it('returns the agent-recommended timeouts of IPaddr2 and Stateful, asking each agent once', async () => {
    const transport = new CountingTransport();
    const cache = new OcfMetadataCache(transport);
    const ipaddr = await cache.actionTimeouts(agentSpec('ocf', 'heartbeat', 'IPaddr2'));
    expect(ipaddr.get('start')).toBe(20_000);
    expect(ipaddr.get('stop')).toBe(20_000);
    expect(ipaddr.get('monitor')).toBe(20_000);
    const stateful = await cache.actionTimeouts('ocf:pacemaker:Stateful');
    expect(stateful.get('promote')).toBe(10_000);
    expect(stateful.get('demote')).toBe(10_000);
    await cache.actionTimeouts('ocf:heartbeat:IPaddr2');
    expect(transport.calls).toBe(2);
  });

  it('gives no timeouts for an agent that does not exist', async () => {
    const cache = new OcfMetadataCache(new LocalTransport());
    expect((await cache.actionTimeouts('ocf:heartbeat:NoSuchAgent')).size).toBe(0);
  });
});
