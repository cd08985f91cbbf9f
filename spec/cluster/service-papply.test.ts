// `papply apply` run "on" node-1 of the real cluster (its transport enters node-1's namespaces):
// services with provider => pacemaker start a primitive and a clone in the asymmetric cluster,
// restart on a notify from a file change, and a failing start is reported with the agent's reason
// while its dependents are skipped.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { acquireClusterFor, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';
import { parseClusterStatus, type OperationRecord } from '../../src/providers/pacemaker/lrm-status.js';

describe.skipIf(clusterSkipReason())('papply apply with pacemaker services on node-1', () => {
  let cluster: Cluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await acquireClusterFor(['p_web', 'p_lb-clone', 'p_lb', 'p_vip']);
    dir = await mkdtemp(join(tmpdir(), 'papply-svc-e2e-'));
  });
  afterAll(async () => {
    await cluster?.removeResources(['p_web', 'p_lb-clone', 'p_vip']);
    await rm(dir, { recursive: true, force: true });
    await cluster?.release();
  });

  async function apply(manifest: string, node = 1): Promise<{ code: number; output: string }> {
    const file = join(dir, `site-${Math.random().toString(36).slice(2)}.pp`);
    await writeFile(file, manifest);
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await runApply(file, { debug: true, detailedExitcodes: true }, { stdout: out, stderr: out, transport: await cluster.transport(node) });
    return { code, output };
  }

  async function history(primitive: string, node: string): Promise<OperationRecord[]> {
    const status = parseClusterStatus(await cluster.check(1, 'cibadmin', ['-Q', '-o', 'status']));
    const lrm = status.nodes.find((n) => n.name === node)?.resources.get(primitive);
    return lrm ? [...lrm.failures] : [];
  }

  async function stateOn(primitive: string, node: string): Promise<string | undefined> {
    const status = parseClusterStatus(await cluster.check(1, 'cibadmin', ['-Q', '-o', 'status']));
    return status.nodes.find((n) => n.name === node)?.resources.get(primitive)?.state;
  }

  const site = (content: string) => `
    cs_primitive { 'p_web': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }
    cs_primitive { 'p_lb': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }
    cs_clone { 'p_lb-clone': primitive => 'p_lb' }
    file { '${dir}/web.conf': content => '${content}', notify => Service['web'] }
    service { 'web': ensure => running, provider => pacemaker, require => Cs_primitive['p_web'] }
    service { 'lb': ensure => running, provider => pacemaker, require => Cs_clone['p_lb-clone'] }
  `;

  it('starts a primitive and a clone from node-1, waiting for the LRM, with the OCF metadata timeout', async () => {
    const { code, output } = await apply(site('one'));
    expect(output).toContain('timeout 20s from the OCF metadata of ocf:pacemaker:Dummy');
    expect(code).toBe(2);
    expect(await stateOn('p_web', 'node-1')).toBe('running');
    expect(await stateOn('p_lb', 'node-1')).toBe('running');
    expect(await stateOn('p_lb', 'node-2')).not.toBe('running');
    const again = await apply(site('one'));
    expect(again.code).toBe(0);
  });

  it('restarts the service when the file it subscribes to changes', async () => {
    const callIdBefore = await startCallId('p_web', 'node-1');
    const { code, output } = await apply(site('two'));
    expect(code).toBe(2);
    expect(output).toMatch(/Service\[web\].*(restart|Triggered 'refresh')/i);
    expect(await startCallId('p_web', 'node-1')).toBeGreaterThan(callIdBefore);
    expect(await stateOn('p_web', 'node-1')).toBe('running');
  });

  it('stops the clone on node-2 only when papply runs there with ensure => stopped', async () => {
    const started = await apply(site('two'), 2);
    expect(started.code).toBe(2);
    expect(await stateOn('p_lb', 'node-2')).toBe('running');
    const { code, output } = await apply(site('two').replace("service { 'lb': ensure => running", "service { 'lb': ensure => stopped"), 2);
    expect(code).toBe(2);
    expect(output).toMatch(/Service\[lb\]\/ensure: ensure changed 'running' to 'stopped'/);
    expect(await stateOn('p_lb', 'node-2')).toBe('stopped');
    expect(await stateOn('p_lb', 'node-1')).toBe('running');
  });

  it('reports a start the agent refuses with its exit reason and skips what depends on it', async () => {
    const { code, output } = await apply(`
      cs_primitive { 'p_vip': primitive_class => 'ocf', provided_by => 'heartbeat', primitive_type => 'IPaddr2',
        parameters => { 'ip' => '10.213.0.999' } }
      service { 'vip': ensure => running, provider => pacemaker, require => Cs_primitive['p_vip'] }
      file { '${dir}/after-vip': content => 'x', require => Service['vip'] }
    `);
    expect(code).toBe(6);
    expect(output).toMatch(/Service\[vip\].*start of p_vip failed/);
    expect(output).toMatch(/start on node-1 failed: rc=\d+: \S/);
    expect(output).toMatch(/File\[.*after-vip\].*[Ss]kipping because of failed dependencies/);
    expect(await history('p_vip', 'node-1')).not.toEqual([]);
  });

  async function startCallId(primitive: string, node: string): Promise<number> {
    const xml = await cluster.check(1, 'cibadmin', ['-Q', '-o', 'status', '--xpath', `//node_state[@uname='${node}']//lrm_resource[@id='${primitive}']`]);
    const ids = [...xml.matchAll(/operation="start"[^>]*call-id="(\d+)"/g)].map((m) => Number(m[1]));
    return Math.max(-1, ...ids);
  }
});
