// The pacemaker service controller on the real 3-node cluster (asymmetric), acting "on" a node
// through its namespaces: starts and stops wait for what the LRM reports, failed starts carry the
// agent's exit reason, a node cut off during a wait does not leave the wait hanging.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { acquireCluster, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { CibSession } from '../../src/backends/cib/index.js';
import { OcfMetadataCache } from '../../src/providers/pacemaker/ocf-metadata.js';
import { PacemakerServiceControl, ServiceWaitError, type ServiceControlOptions } from '../../src/providers/pacemaker/service-control.js';
import { parseClusterStatus } from '../../src/providers/pacemaker/lrm-status.js';

describe.skipIf(clusterSkipReason())('pacemaker service controller on the namespace cluster', () => {
  let cluster: Cluster;
  const created: string[] = [];

  beforeAll(async () => {
    cluster = await acquireCluster();
    await cluster.waitForMembers(3);
  });
  afterEach(async () => {
    await cluster.removeResources(created.splice(0));
  });
  afterAll(async () => {
    await cluster?.release();
  });

  async function createResource(id: string, xml: string, constraints: string[] = []): Promise<void> {
    created.push(id);
    await cluster.check(1, 'cibadmin', ['--create', '-o', 'resources', '--xml-text', xml]);
    for (const constraint of constraints) await cluster.check(1, 'cibadmin', ['--create', '-o', 'constraints', '--xml-text', constraint]);
  }

  async function controlOn(node: number, name: string, extra: Partial<ServiceControlOptions> = {}) {
    const transport = await cluster.transport(node);
    const logs: string[] = [];
    const session = await CibSession.open({ transport });
    const control = new PacemakerServiceControl(name, {
      transport,
      session,
      localNode: `node-${node}`,
      owner: `Service[${name}]`,
      metadata: new OcfMetadataCache(transport),
      log: (level, message) => logs.push(`${level}: ${message}`),
      ...extra,
    });
    return { control, logs };
  }

  async function states(primitive: string): Promise<Record<string, string | undefined>> {
    const status = parseClusterStatus(await cluster.check(1, 'cibadmin', ['-Q', '-o', 'status']));
    return Object.fromEntries(status.nodes.filter((n) => n.alive).map((n) => [n.name, n.resources.get(primitive)?.state]));
  }

  it('starts a Dummy primitive from node-1 (only node-1 is allowed) using the OCF metadata timeout, then stops it', async () => {
    await createResource('p_svc1', '<primitive id="p_svc1" class="ocf" provider="pacemaker" type="Dummy"/>');
    const { control, logs } = await controlOn(1, 'svc1');
    expect(await control.isRunning()).toBe(false);
    const judgement = await control.start();
    expect(judgement.runningOn).toEqual(['node-1']);
    expect((await states('p_svc1'))['node-1']).toBe('running');
    expect(logs).toContainEqual(expect.stringContaining('timeout 20s from the OCF metadata of ocf:pacemaker:Dummy'));
    await control.stop();
    expect(Object.values(await states('p_svc1'))).not.toContain('running');
  });

  it('starts a clone on node-1 and node-2, and stops it on node-2 only', async () => {
    await createResource('p_svc2-clone', '<clone id="p_svc2-clone"><primitive id="p_svc2" class="ocf" provider="pacemaker" type="Dummy"/></clone>');
    await (await controlOn(1, 'svc2')).control.start();
    await (await controlOn(2, 'svc2')).control.start();
    expect(await states('p_svc2')).toMatchObject({ 'node-1': 'running', 'node-2': 'running' });
    expect((await states('p_svc2'))['node-3']).not.toBe('running');
    await (await controlOn(2, 'svc2')).control.stop();
    expect(await states('p_svc2')).toMatchObject({ 'node-1': 'running', 'node-2': 'stopped' });
  });

  it('fails a start the agent refuses, with Pacemaker\'s exit reason', async () => {
    await createResource(
      'p_badip',
      '<primitive id="p_badip" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="p_badip-ia">' +
        '<nvpair id="p_badip-ia-ip" name="ip" value="10.213.0.999"/></instance_attributes></primitive>',
    );
    const { control } = await controlOn(1, 'badip');
    const error = await control.start().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceWaitError);
    const message = (error as ServiceWaitError).message;
    expect(message).toMatch(/start of p_badip failed/);
    expect(message).toMatch(/on node-1 failed: rc=\d+/);
    expect((error as ServiceWaitError).failures.some((f) => f.exitReason !== '')).toBe(true);
    expect((error as ServiceWaitError).elapsedMs).toBeLessThan(20_000);
  });

  it('times out with what each node showed when the manifest timeout is shorter than the start', async () => {
    await createResource(
      'p_slow',
      '<primitive id="p_slow" class="ocf" provider="pacemaker" type="Dummy">' +
        '<instance_attributes id="p_slow-ia"><nvpair id="p_slow-ia-op_sleep" name="op_sleep" value="8"/></instance_attributes></primitive>',
    );
    const progress: string[] = [];
    const { control, logs } = await controlOn(1, 'slow', {
      manifestTimeoutMs: 500,
      progress: (report) => progress.push(`${report.what}: ${report.detail} (${report.elapsedMs}/${report.timeoutMs} ms)`),
    });
    const error = await control.start().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceWaitError);
    expect((error as Error).message).toMatch(/timed out after \d+s \(timeout 0.5s from the manifest\) waiting for p_slow to be running in the cluster; seen: .*node-1=/);
    expect(logs).toContainEqual(expect.stringContaining('timeout 0.5s from the manifest'));
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toMatch(/^p_slow to be running in the cluster: .*node-1=.* \(\d+\/5500 ms\)$/);
  }, 60_000);

  it('ends the wait correctly when the node starting the resource is cut off (failover to node-1)', async () => {
    await createResource(
      'p_fo',
      '<primitive id="p_fo" class="ocf" provider="pacemaker" type="Dummy">' +
        '<instance_attributes id="p_fo-ia"><nvpair id="p_fo-ia-op_sleep" name="op_sleep" value="6"/></instance_attributes>' +
        '<operations><op id="p_fo-start-0" name="start" interval="0" timeout="40s"/></operations></primitive>',
      ['<rsc_location id="p_fo-prefers-node-2" rsc="p_fo" node="node-2" score="100"/>'],
    );
    const { control } = await controlOn(1, 'fo');
    const waiting = control.start();
    // node-2 gets the start (score 100 beats this node's 0); cut it off while the agent sleeps.
    for (let i = 0; i < 40 && !(await cluster.check(1, 'cibadmin', ['-Q', '-o', 'status'])).includes('p_fo_start_0'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await cluster.cut(2);
    try {
      const judgement = await waiting;
      expect(judgement.runningOn).toEqual(['node-1']);
      expect(judgement.observations.find((o) => o.node === 'node-2')?.alive).toBe(false);
    } finally {
      await cluster.restore(2);
      await cluster.waitForMembers(3);
    }
  }, 180_000);
});
