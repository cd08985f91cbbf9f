// The namespace cluster itself: three members with quorum, commands and files "on" a node,
// and a node cut off from the bridge leaving and rejoining the membership.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { acquireCluster, clusterSkipReason, type Cluster } from '../support/cluster.js';

describe.skipIf(clusterSkipReason())('scripts/cluster (3 nodes in network namespaces)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await acquireCluster();
  });
  afterAll(async () => {
    await cluster?.release();
  });

  it('runs three quorate members, each with its own hostname and private runtime directory', async () => {
    await cluster.waitForMembers(3);
    for (const node of [1, 2, 3]) {
      expect((await cluster.check(node, 'hostname')).trim()).toBe(`node-${node}`);
      expect((await cluster.check(node, 'crm_node', ['-n'])).trim()).toBe(`node-${node}`);
    }
    const transport = await cluster.transport(2);
    const marker = `/run/crm/papply-harness-${process.pid}`;
    await transport.writeFileAtomic(marker, 'node-2 only\n');
    expect((await transport.readFile(marker))?.toString()).toBe('node-2 only\n');
    expect(await (await cluster.transport(1)).stat(marker)).toBeUndefined();
    await transport.remove(marker);
  });

  it('loses a node cut off from the bridge and gets it back when restored', async () => {
    await cluster.cut(3);
    try {
      await cluster.waitForMembers(2, 1, 60_000);
    } finally {
      await cluster.restore(3);
    }
    await cluster.waitForMembers(3, 1, 120_000);
  }, 200_000);
});
