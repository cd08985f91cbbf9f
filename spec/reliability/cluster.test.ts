// Concurrency on the real 3-node namespace cluster: three papply runs, one "on" each node, apply
// different resources at the same moment. Each run reads the CIB once and sends one patch whose
// source version is the compare-and-swap; the losers re-read and retry. Afterwards every
// resource of every run is in the CIB (none lost), the configuration is valid, and re-runs
// change nothing. Then a fault: the node running the resource papply waits for is cut off
// mid-start; the run ends (failover to node-1 or a clear error), the CIB stays valid, and once
// the node is back a re-run converges.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { acquireClusterFor, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';

const NODES = [1, 2, 3];
const PER_NODE = 3;
const concurrentIds = NODES.flatMap((node) => Array.from({ length: PER_NODE }, (_, i) => `p_rel_n${node}_${i}`));
const ids = [...concurrentIds, 'p_rel_cut'];

describe.skipIf(clusterSkipReason())('three papply runs on three cluster nodes at once', () => {
  let cluster: Cluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await acquireClusterFor(ids);
    dir = await mkdtemp(join(tmpdir(), 'papply-reliability-cluster-'));
  });
  afterAll(async () => {
    await cluster?.removeResources(ids);
    await rm(dir, { recursive: true, force: true });
    await cluster?.release();
  });

  async function applyOn(node: number, value: string): Promise<{ code: number; output: string }> {
    const lines = Array.from({ length: PER_NODE }, (_, i) =>
      `cs_primitive { 'p_rel_n${node}_${i}': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy', parameters => { 'fake' => '${value}' }, metadata => { 'target-role' => 'Stopped' } }`,
    );
    const file = join(dir, `node-${node}-${value}.pp`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await runApply(file, { debug: true, detailedExitcodes: true }, { stdout: out, stderr: out, transport: await cluster.transport(node) });
    return { code, output };
  }

  async function configuration(): Promise<string> {
    return cluster.check(1, 'cibadmin', ['--query', '--scope', 'resources']);
  }

  it('creates and then changes different resources from each node: nothing is lost', async () => {
    for (const value of ['one', 'two']) {
      const results = await Promise.all(NODES.map((node) => applyOn(node, value)));
      for (const result of results) expect(result.code, result.output).toBe(2);
      const resources = await configuration();
      for (const id of concurrentIds) expect(resources, `${id} lost`).toMatch(new RegExp(`<primitive id="${id}"[\\s\\S]*?name="fake" value="${value}"`));
      await cluster.check(1, 'crm_verify', ['--live-check']);
    }
    const again = await Promise.all(NODES.map((node) => applyOn(node, 'two')));
    for (const result of again) expect(result.code, result.output).toBe(0);
  }, 300_000);

  it('a node cut off while papply waits: the run ends, the CIB stays valid, a re-run converges', async () => {
    const manifest = join(dir, 'cut.pp');
    await writeFile(manifest, `
      cs_primitive { 'p_rel_cut':
        primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy',
        parameters => { 'op_sleep' => '6' }, operations => { 'start' => { 'interval' => '0', 'timeout' => '40s' } },
      }
      cs_location { 'p_rel_cut-prefers-node-2': primitive => 'p_rel_cut', node_name => 'node-2', score => '100', require => Cs_primitive['p_rel_cut'] }
      service { 'rel_cut': ensure => running, provider => pacemaker, require => Cs_location['p_rel_cut-prefers-node-2'] }
    `);
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const run = runApply(manifest, { debug: true, detailedExitcodes: true }, { stdout: out, stderr: out, transport: await cluster.transport(1) });
    // node-2 gets the start (score 100); cut it off while the agent sleeps.
    for (let i = 0; i < 120 && !(await cluster.check(1, 'cibadmin', ['-Q', '-o', 'status'])).includes('p_rel_cut_start_0'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await cluster.cut(2);
    try {
      const code = await run;
      // Either outcome is acceptable; silence or a hang is not.
      if (code === 2) expect(output).toMatch(/Service\[rel_cut\]\/ensure: ensure changed 'stopped' to 'running'/);
      else expect(output).toMatch(/Error: .*Service\[rel_cut\]/);
      await cluster.check(1, 'crm_verify', ['--live-check']);
    } finally {
      await cluster.restore(2);
      await cluster.waitForMembers(3);
    }
    const again = await (async () => {
      const sink = new PassThrough();
      let text = '';
      sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const code = await runApply(manifest, { detailedExitcodes: true }, { stdout: sink, stderr: sink, transport: await cluster.transport(1) });
      return { code, text };
    })();
    expect([0, 2], again.text).toContain(again.code);
    const status = await cluster.check(1, 'crm_resource', ['--resource', 'p_rel_cut', '--locate']);
    expect(status).toMatch(/is running on: node-\d/);
  }, 300_000);
});
