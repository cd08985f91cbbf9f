// The real 3-node Pacemaker cluster (scripts/cluster) for tests: bring it up once (the script is
// idempotent and reuses a healthy cluster), hold it exclusively for one test file at a time, run
// commands "on" a node, cut a node off and bring it back.
//
//   const reason = clusterSkipReason();           // string when this machine cannot host it
//   describe.skipIf(reason)('...', () => {
//     let cluster: Cluster;
//     beforeAll(async () => { cluster = await acquireCluster(); });
//     afterAll(async () => { await cluster?.release(); });
//   });
import { execa } from 'execa';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NamespaceTransport } from '../../src/backends/cluster-node.js';
import type { CommandResult, RunOptions } from '../../src/backends/transport.js';

export const CLUSTER_SCRIPT = fileURLToPath(new URL('../../scripts/cluster', import.meta.url));
const USE_LOCK = '/var/tmp/papply-cluster.use.lock';

let skipReason: string | undefined | null = null;

/** Why the cluster cannot run here (printed once), or undefined when it can. */
export function clusterSkipReason(): string | undefined {
  if (skipReason !== null) return skipReason;
  skipReason = undefined;
  if (process.getuid?.() !== 0) skipReason = 'needs root (network namespaces, mounts)';
  else if (process.env.PAPPLY_SKIP_CLUSTER === '1') skipReason = 'PAPPLY_SKIP_CLUSTER=1';
  else {
    try {
      execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
      execFileSync('sh', ['-c', 'command -v corosync && command -v pacemakerd && command -v nsenter'], { stdio: 'ignore' });
    } catch {
      skipReason = '`ip netns`, corosync, pacemakerd or nsenter unavailable';
    }
  }
  if (skipReason) console.warn(`[cluster tests skipped] ${skipReason}`);
  return skipReason;
}

export class Cluster {
  private constructor(private readonly lockHolder: ChildProcess) {}

  /** Brings the cluster up if needed and takes the exclusive use lock (waits for other files). */
  static async acquire(): Promise<Cluster> {
    const holder = await takeUseLock();
    try {
      await execa(CLUSTER_SCRIPT, ['up'], { timeout: 300_000 });
    } catch (error) {
      holder.stdin?.end();
      throw error;
    }
    return new Cluster(holder);
  }

  /** pacemakerd's pid of node N (1-based): the handle on its namespaces. */
  async pid(node: number): Promise<number> {
    const { stdout } = await execa(CLUSTER_SCRIPT, ['pid', String(node)]);
    return Number(stdout.trim());
  }

  /** A Transport acting on node N (commands via nsenter, files via /proc/<pid>/root). */
  async transport(node: number): Promise<NamespaceTransport> {
    return new NamespaceTransport(`node-${node}`, await this.pid(node));
  }

  /** Runs a command on node N; resolves whatever the exit code. */
  async run(node: number, file: string, args: readonly string[] = [], options?: RunOptions): Promise<CommandResult> {
    return (await this.transport(node)).run(file, args, options);
  }

  /** Runs a command on node N and returns stdout; throws with stderr on failure. */
  async check(node: number, file: string, args: readonly string[] = [], options?: RunOptions): Promise<string> {
    const result = await this.run(node, file, args, options);
    if (result.exitCode !== 0) throw new Error(`node-${node}: ${[file, ...args].join(' ')} failed (${result.exitCode}): ${result.stderr}`);
    return result.stdout;
  }

  /** Takes node N's link to the bridge down: it loses the other two (and they it). */
  async cut(node: number): Promise<void> {
    await execa(CLUSTER_SCRIPT, ['cut', String(node)]);
  }

  async restore(node: number): Promise<void> {
    await execa(CLUSTER_SCRIPT, ['restore', String(node)]);
  }

  /** SIGKILLs node N's corosync: a crash of the cluster layer under a running pacemakerd. */
  async killCorosync(node: number): Promise<void> {
    await execa(CLUSTER_SCRIPT, ['kill-corosync', String(node)]);
  }

  /** SIGSTOPs node N's corosync: the cluster layer hangs (resumeCorosync lets it go on). */
  async pauseCorosync(node: number): Promise<void> {
    await execa(CLUSTER_SCRIPT, ['pause-corosync', String(node)]);
  }

  async resumeCorosync(node: number): Promise<void> {
    await execa(CLUSTER_SCRIPT, ['resume-corosync', String(node)]);
  }

  /** Boots node N again (what is left of it is killed first) and waits until it has rejoined with quorum. */
  async restartNode(node: number): Promise<void> {
    await execa(CLUSTER_SCRIPT, ['restart-node', String(node)], { timeout: 300_000 });
  }

  /** Waits until the cluster has no transition in flight (`crm_resource --wait`, asked on node N). */
  async settle(node = 1, timeoutSeconds = 120): Promise<void> {
    await this.check(node, 'crm_resource', ['--wait', '--timeout', `${timeoutSeconds}s`], { timeoutMs: (timeoutSeconds + 30) * 1000 });
  }

  /** True when all three nodes run and node-1 sees them online with quorum and a DC. */
  async healthy(): Promise<boolean> {
    return (await execa(CLUSTER_SCRIPT, ['status'], { reject: false })).exitCode === 0;
  }

  /** Waits until node `from` sees `expectedOnline` nodes online, quorum and a DC. */
  async waitForMembers(expectedOnline: number, from = 1, timeoutMs = 120_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      const result = await this.run(from, 'crm_mon', ['--one-shot', '--output-as=xml']);
      const online = (result.stdout.match(/<node name="[^"]*" id="[^"]*" online="true"/g) ?? []).length;
      if (result.exitCode === 0 && online === expectedOnline && /with_quorum="true"/.test(result.stdout) && /<current_dc present="true"/.test(result.stdout)) {
        return;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`node-${from} sees ${online} nodes online, wanted ${expectedOnline}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Stops and removes top-level resources (with their constraints) a test created; absent ones are fine. */
  async removeResources(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.run(1, 'crm_resource', ['--resource', id, '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped']);
    }
    await this.run(1, 'crm_resource', ['--wait', '--timeout', '60s']);
    for (const id of ids) {
      await this.run(1, 'cibadmin', ['--delete-all', '--xpath', `//constraints/*[@rsc='${id}']`, '--force']);
      await this.run(1, 'cibadmin', ['--delete', '--xpath', `/cib/configuration/resources/*[@id='${id}']`]);
      await this.run(1, 'crm_resource', ['--cleanup', '--resource', id]);
    }
  }

  /** Gives the cluster to the next test file (it stays up; `scripts/cluster down` stops it). */
  async release(): Promise<void> {
    if (process.env.PAPPLY_CLUSTER_DOWN === '1') await execa(CLUSTER_SCRIPT, ['down']);
    this.lockHolder.stdin?.end();
  }
}

export const acquireCluster = (): Promise<Cluster> => Cluster.acquire();

/** The cluster for a test file: taken, its three nodes members, and `ids` an earlier run may have left removed. */
export async function acquireClusterFor(ids: readonly string[]): Promise<Cluster> {
  const cluster = await acquireCluster();
  await cluster.waitForMembers(3);
  await cluster.removeResources(ids);
  return cluster;
}

/**
 * One test file at a time uses the cluster: `flock` holds the lock while its child runs; the child
 * says so, then waits on its stdin (`cat`), which ends when we close it or when this process dies.
 */
function takeUseLock(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const holder = spawn('flock', [USE_LOCK, 'sh', '-c', 'echo locked && exec cat'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    holder.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) resolve(holder);
    });
    holder.on('error', reject);
    holder.on('exit', (code) => reject(new Error(`flock ${USE_LOCK} ended (${code}): ${output}`)));
  });
}
