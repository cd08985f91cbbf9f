// Concurrency on the real 3-node namespace cluster: three papply runs, one "on" each node, apply
// different resources at the same moment. Each run reads the CIB once and sends one patch whose
// source version is the compare-and-swap; the losers re-read and retry. Afterwards every
// resource of every run is in the CIB (none lost), the configuration is valid, and re-runs
// change nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { acquireCluster, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';

const NODES = [1, 2, 3];
const PER_NODE = 3;
const ids = NODES.flatMap((node) => Array.from({ length: PER_NODE }, (_, i) => `p_rel_n${node}_${i}`));

describe.skipIf(clusterSkipReason())('three papply runs on three cluster nodes at once', () => {
  let cluster: Cluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await acquireCluster();
    await cluster.waitForMembers(3);
    await cluster.removeResources(ids);
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
      for (const id of ids) expect(resources, `${id} lost`).toMatch(new RegExp(`<primitive id="${id}"[\\s\\S]*?name="fake" value="${value}"`));
      await cluster.check(1, 'crm_verify', ['--live-check']);
    }
    const again = await Promise.all(NODES.map((node) => applyOn(node, 'two')));
    for (const result of again) expect(result.code, result.output).toBe(0);
  }, 300_000);
});
