// A fault on the real 3-node namespace cluster: corosync is killed (SIGKILL) on node-1, the node
// papply runs on. pacemakerd survives it but its CIB manager, controller and attribute manager go
// with the cluster layer, so node-1 can no longer read or write the CIB, while node-2 and node-3
// keep quorum. Three moments, then a hung corosync:
//  - before papply starts: the run fails at once, saying no cluster answers on node-1;
//  - while papply waits for a service to start: the wait ends with an error naming the service
//    and the unreadable status, not after its timeout and not with a stack trace;
//  - while papply sends its CIB patch (a cibadmin wrapper kills corosync as the patch leaves):
//    the patch lands whole or not at all, and the error says whether it got through (or, when
//    the patch won the race, the service's error says the status cannot be read);
//  - corosync hung (SIGSTOP) instead, as the patch leaves: cibadmin's own timer (30 s) ends the
//    patch and papply fails with it at once, rather than retrying it as a lost compare-and-swap.
// After each, node-1 is rebooted (scripts/cluster restart-node) and rejoins; the CIB is then
// crm_verify-clean and a re-run of the same manifest converges with the service started.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { acquireClusterFor, clusterSkipReason, CLUSTER_SCRIPT, type Cluster } from '../support/cluster.js';
import { runApply } from '../../src/cli/apply.js';
import { NamespaceTransport } from '../../src/backends/cluster-node.js';
import type { CommandResult, RunOptions, Transport } from '../../src/backends/transport.js';
import '../../src/providers/all.js';

const ids = ['p_rel_cskill_before', 'p_rel_cskill_wait', 'p_rel_cskill_patch', 'p_rel_cskill_hung'];
/** The real cibadmin, behind the fault-injecting wrappers. */
const realCibadmin = () => execFileSync('sh', ['-c', 'command -v cibadmin'], { encoding: 'utf8' }).trim();
/** Longer than any bounded wait of papply here: a run still going then is a hang. */
const HANG_MS = 150_000;
/** The Delay agent's start sleeps this long (its probes and monitors do not): papply has to wait. */
const START_DELAY_SECONDS = 8;
/** A Node stack frame in papply's output: an exception escaped instead of a clear error. */
const STACK_FRAME = /^\s+at .+(\(|\s)\S+:\d+:\d+\)?$/m;

/** node-1 as seen by papply, with `dir`'s executables first on the PATH of its commands. */
class PathNamespaceTransport extends NamespaceTransport {
  constructor(pid: number, private readonly dir: string) {
    super('node-1', pid);
  }

  override run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return super.run(file, args, { ...options, env: { ...options.env, PATH: `${this.dir}:${process.env.PATH}` } });
  }
}

describe.skipIf(clusterSkipReason())('corosync killed on the node papply runs on', () => {
  let cluster: Cluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await acquireClusterFor(ids);
    dir = await mkdtemp(join(tmpdir(), 'papply-reliability-corosync-'));
  });
  // Every test kills node-1's cluster layer: it is back, with quorum, before the next one starts.
  afterEach(async () => {
    if (!(await cluster.healthy())) await cluster.restartNode(1);
    await cluster.waitForMembers(3);
  }, 300_000);
  afterAll(async () => {
    try {
      if (cluster && !(await cluster.healthy())) await cluster.restartNode(1);
      await cluster?.waitForMembers(3);
      await cluster?.removeResources(ids);
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
      await cluster?.release();
    }
  }, 300_000);

  /** A Delay primitive (its start takes START_DELAY_SECONDS), preferring node-1, and its service. */
  function manifest(id: string): string {
    const service = id.replace(/^p_/, '');
    return `
      cs_primitive { '${id}':
        primitive_class => 'ocf', provided_by => 'heartbeat', primitive_type => 'Delay',
        parameters => { 'startdelay' => '${START_DELAY_SECONDS}', 'stopdelay' => '0', 'mondelay' => '0' },
        operations => { 'start' => { 'interval' => '0', 'timeout' => '40s' }, 'monitor' => { 'interval' => '10s', 'timeout' => '20s' } },
      }
      cs_location { '${id}-prefers-node-1': primitive => '${id}', node_name => 'node-1', score => '100' }
      service { '${service}': ensure => running, provider => pacemaker, require => [Cs_primitive['${id}'], Cs_location['${id}-prefers-node-1']] }
    `;
  }

  /** Applies the manifest on node-1; `watch` sees the output as it grows. */
  async function apply(id: string, transport?: Transport, watch?: (output: string) => void): Promise<{ code: number; output: string }> {
    const file = join(dir, `${id}.pp`);
    await writeFile(file, manifest(id));
    const out = new PassThrough();
    let output = '';
    out.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      watch?.(output);
    });
    const run = runApply(file, { debug: true, detailedExitcodes: true }, { stdout: out, stderr: out, transport: transport ?? (await cluster.transport(1)) });
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`papply still running after ${HANG_MS / 1000}s:\n${output}`)), HANG_MS);
    });
    try {
      return { code: await Promise.race([run, hang]), output };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Exit code of --detailed-exitcodes with failures (4, or 6 with changes too). */
  const failed = (code: number) => code === 1 || (code & 4) === 4;

  /** The failing run's error lines. */
  const errors = (output: string) => output.split('\n').filter((line) => /^Error: /.test(line)).join('\n');

  async function configurationOn(node: number): Promise<string> {
    return cluster.check(node, 'cibadmin', ['--query', '--scope', 'configuration']);
  }

  /** After the fault: node-1 rebooted, the CIB valid everywhere, the same run converges twice. */
  async function expectRecovery(id: string): Promise<void> {
    await cluster.restartNode(1);
    await cluster.waitForMembers(3);
    // What the cluster was doing when node-1 went (and its rejoin's probes) is over first.
    await cluster.settle();
    for (const node of [1, 2]) await cluster.check(node, 'crm_verify', ['--live-check']);
    const again = await apply(id);
    expect([0, 2], again.output).toContain(again.code);
    expect(again.output).not.toMatch(/^Error: /m);
    const located = await cluster.check(1, 'crm_resource', ['--resource', id, '--locate']);
    expect(located).toMatch(/is running on: node-1/);
    const settled = await apply(id);
    expect(settled.code, settled.output).toBe(0);
    await cluster.check(1, 'crm_verify', ['--live-check']);
  }

  it('before papply starts: the run fails at once, naming node-1 and the CIB it cannot reach; nothing is written', async () => {
    const id = 'p_rel_cskill_before';
    await cluster.killCorosync(1);
    const run = await apply(id);
    expect(failed(run.code), run.output).toBe(true);
    expect(errors(run.output)).toMatch(/no Pacemaker cluster answers on node-1 \(Could not connect to the CIB/);
    expect(errors(run.output)).toMatch(/Could not prefetch cs_primitive provider 'cibpatch'/);
    expect(run.output).toMatch(new RegExp(`Service\\[${id.replace(/^p_/, '')}\\].*(failed dependencies|Skipping)`, 'i'));
    expect(run.output).not.toMatch(STACK_FRAME);
    // The two nodes left still have quorum and nothing of this run.
    await cluster.waitForMembers(2, 2);
    expect(await configurationOn(2)).not.toContain(`id="${id}"`);
    await expectRecovery(id);
  }, 600_000);

  it('while papply waits for the service: an error naming the service and the unreadable status, CIB valid, a re-run converges', async () => {
    const id = 'p_rel_cskill_wait';
    const service = id.replace(/^p_/, '');
    // Kill node-1's corosync once papply reports it is waiting for the (slow) start.
    let killing: Promise<void> | undefined;
    const run = await apply(id, undefined, (output) => {
      if (!killing && output.includes(`waiting for ${id} to be running in the cluster (`)) {
        killing = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => cluster.killCorosync(1));
      }
    });
    await killing;
    expect(failed(run.code), run.output).toBe(true);
    expect(run.output).toMatch(/waiting for p_rel_cskill_wait to be running/);
    expect(errors(run.output)).toMatch(new RegExp(`Service\\[${service}\\].*cannot read the cluster status on node-1.*Could not connect to the CIB`));
    expect(run.output).not.toMatch(/timed out after/);
    expect(run.output).not.toMatch(STACK_FRAME);
    // What was written before the fault is there, whole: the primitive with its location.
    await cluster.waitForMembers(2, 2);
    const configuration = await configurationOn(2);
    expect(configuration).toContain(`<primitive id="${id}"`);
    expect(configuration).toContain(`id="${id}-prefers-node-1"`);
    await cluster.check(2, 'crm_verify', ['--live-check']);
    await expectRecovery(id);
  }, 600_000);

  /**
   * node-1 as papply sees it, except that its first patch to the live CIB (CIB_file unset: the
   * checks on scratch copies set it) first runs `scripts/cluster <fault> 1` — in the background
   * when `race`, so the fault and the patch go out together.
   */
  async function trappedTransport(name: string, fault: 'kill-corosync' | 'pause-corosync', race: boolean): Promise<Transport> {
    const bin = join(dir, `bin-${name}`);
    const marker = join(dir, `${name}-patch-sent`);
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'cibadmin'), [
      '#!/bin/sh',
      `if [ -z "$CIB_file" ] && [ ! -e '${marker}' ]; then`,
      '  case " $* " in',
      `    *" --patch "*) : >'${marker}'; '${CLUSTER_SCRIPT}' ${fault} 1 >/dev/null 2>&1 ${race ? '&' : ''};;`,
      '  esac',
      'fi',
      `exec '${realCibadmin()}' "$@"`,
      '',
    ].join('\n'));
    await chmod(join(bin, 'cibadmin'), 0o755);
    return new PathNamespaceTransport(await cluster.pid(1), bin);
  }

  it('while papply sends its CIB patch: the patch lands whole or not at all, the error says which, a re-run converges', async () => {
    const id = 'p_rel_cskill_patch';
    const run = await apply(id, await trappedTransport('kill', 'kill-corosync', true));
    expect(failed(run.code), run.output).toBe(true);
    // The kill races the patch. Either the patch did not get through, or it did and reading the
    // CIB back did not; or both finished first, and the service is the first to find node-1's
    // CIB gone.
    const patchFailed = new RegExp(
      `Cs_primitive\\[${id}\\]: (cibadmin --patch failed on the live cluster CIB on node-1: |the CIB patch was applied \\(from version [\\d.]+\\), but then cannot read the live cluster CIB on node-1: )`,
    );
    const service = `Service\\[${id.replace(/^p_/, '')}\\]`;
    if (patchFailed.test(errors(run.output))) {
      expect(run.output).toMatch(new RegExp(`${service}: Skipping because of failed dependencies`));
    } else {
      expect(errors(run.output)).toMatch(new RegExp(`${service}: Could not evaluate: cannot read the cluster status on node-1 `));
    }
    expect(run.output).not.toMatch(STACK_FRAME);
    await cluster.waitForMembers(2, 2);
    // One patch carried the primitive and its location: both or neither.
    const configuration = await configurationOn(2);
    expect(configuration.includes(`<primitive id="${id}"`), configuration).toBe(configuration.includes(`id="${id}-prefers-node-1"`));
    await cluster.check(2, 'crm_verify', ['--live-check']);
    await expectRecovery(id);
  }, 600_000);

  it('corosync hung (SIGSTOP) when the patch goes out: Pacemaker\'s own timer ends it, no retry as a lost race, a re-run converges', async () => {
    const id = 'p_rel_cskill_hung';
    const run = await apply(id, await trappedTransport('hung', 'pause-corosync', false));
    try {
      expect(failed(run.code), run.output).toBe(true);
      expect(errors(run.output)).toMatch(new RegExp(`Cs_primitive\\[${id}\\]: cibadmin --patch failed on the live cluster CIB on node-1: .*Timer expired \\(the patch was sent: the cluster may still apply it`));
      // A timer that expired is not a compare-and-swap lost to someone else: no re-read and retry.
      expect(run.output).not.toMatch(/CIB changed since version|kept changing/);
      expect(run.output).not.toMatch(STACK_FRAME);
    } finally {
      await cluster.resumeCorosync(1);
    }
    await expectRecovery(id);
  }, 600_000);
});
