// Pacemaker services wait concurrently on the real cluster, in Puppet's order: a watcher on
// node-2 reads the whole CIB over and over while papply runs on node-1. An independent service's
// start is written while the first one is still starting (its agent sleeps 3 s): both changes
// were in the CIB before either completed. A service that requires the first is written only
// once the first runs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { acquireClusterFor, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { runApply } from '../../src/cli/apply.js';
import '../../src/providers/all.js';
import { judge, parseClusterStatus } from '../../src/providers/pacemaker/lrm-status.js';

const IDS = ['p_cca', 'p_ccb', 'p_ccc'];

describe.skipIf(clusterSkipReason())('pacemaker services waiting at the same time', () => {
  let cluster: Cluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await acquireClusterFor(IDS);
    dir = await mkdtemp(join(tmpdir(), 'papply-svc-concurrent-'));
  });
  afterAll(async () => {
    await cluster?.removeResources(IDS);
    await rm(dir, { recursive: true, force: true });
    await cluster?.release();
  });

  interface Snapshot {
    ccaRunning: boolean;
    ccbWritten: boolean;
    cccWritten: boolean;
  }

  /** Reads the CIB from node-2 until `done` resolves. */
  async function watch(done: Promise<unknown>): Promise<Snapshot[]> {
    let finished = false;
    void done.finally(() => (finished = true));
    const snapshots: Snapshot[] = [];
    while (!finished) {
      const result = await cluster.run(2, 'cibadmin', ['--query']);
      if (result.exitCode !== 0) continue;
      const status = parseClusterStatus(result.stdout);
      snapshots.push({
        ccaRunning: judge(status, { primitives: ['p_cca'], scope: 'cluster', localNode: 'node-1' }, 'running').reached,
        ccbWritten: result.stdout.includes('id="p_ccb-on-node-1"'),
        cccWritten: result.stdout.includes('id="p_ccc-on-node-1"'),
      });
    }
    return snapshots;
  }

  it('writes an independent start before the first completes, and a dependent one only after', async () => {
    const file = join(dir, 'site.pp');
    await writeFile(file, `
      cs_primitive { 'p_cca': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy', parameters => { 'op_sleep' => '3' } }
      cs_primitive { 'p_ccb': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }
      cs_primitive { 'p_ccc': primitive_class => 'ocf', provided_by => 'pacemaker', primitive_type => 'Dummy' }
      service { 'cca': ensure => running, provider => pacemaker, require => Cs_primitive['p_cca'] }
      service { 'ccc': ensure => running, provider => pacemaker, require => Cs_primitive['p_ccc'] }
      service { 'ccb': ensure => running, provider => pacemaker, require => [Cs_primitive['p_ccb'], Service['cca']] }
    `);
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const run = runApply(file, { detailedExitcodes: true }, { stdout: out, stderr: out, transport: await cluster.transport(1) });
    const snapshots = await watch(run);
    expect(await run, output).toBe(2);

    // Both starts were in the CIB while the first was still starting.
    expect(snapshots.some((s) => s.cccWritten && !s.ccaRunning)).toBe(true);
    // The dependent's start was written only once the first ran.
    expect(snapshots.some((s) => s.ccbWritten)).toBe(true);
    expect(snapshots.filter((s) => s.ccbWritten && !s.ccaRunning)).toEqual([]);
    // Reported in manifest order, whatever finished first.
    const started = [...output.matchAll(/Service\[(\w+)\]\/ensure: ensure changed 'stopped' to 'running'/g)].map((m) => m[1]);
    expect(started).toEqual(['cca', 'ccc', 'ccb']);
    const status = parseClusterStatus(await cluster.check(1, 'cibadmin', ['--query', '--scope', 'status']));
    for (const id of IDS) expect(judge(status, { primitives: [id], scope: 'cluster', localNode: 'node-1' }, 'running').reached, id).toBe(true);
  });
});
