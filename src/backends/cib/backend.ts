// Where the CIB lives. Every command goes through a Transport with an argument array, so the
// same backend drives a CIB file, the local cluster, or a node over ssh (an ssh Transport).
//  - file: `CIB_file=<path>` makes cibadmin/crm_verify act on a file instead of a cluster;
//  - live: plain cibadmin against the running cluster.

import { dirname } from 'node:path';
import { CommandError, PapplyError } from '../../errors.js';
import { LocalTransport, type CommandResult, type Transport } from '../transport.js';
import { BOOTSTRAP_SET_ID, nvpairId } from './ids.js';
import { buildXml, element, firstChild, parseXml } from './xml.js';

export type PatchOutcome =
  | { ok: true }
  /** conflict: the CIB changed since it was read (compare-and-swap lost) — re-read and retry. */
  | { ok: false; conflict: boolean; message: string; result: CommandResult };

export interface CibBackend {
  readonly kind: 'file' | 'live';
  readonly transport: Transport;
  /** The CIB file, for the file backend. */
  readonly cibFile?: string;
  /** Environment for any Pacemaker command aimed at this CIB (CIB_file for the file backend). */
  readonly env: Record<string, string>;
  describe(): string;
  /** The whole CIB (configuration and status) as XML. */
  query(): Promise<string>;
  /** Applies a v2 patch atomically with cibadmin --patch. */
  applyPatch(patch: string): Promise<PatchOutcome>;
}

export interface CibBackendOptions {
  transport?: Transport;
  /** Use (and create when missing) this CIB file instead of a cluster. */
  cibFile?: string;
  /** Node names for a CIB file created here; default node-1,node-2,node-3. */
  nodes?: string[];
}

export const DEFAULT_FILE_NODES = ['node-1', 'node-2', 'node-3'];
// Pacemaker's words for a patch whose source version is not the CIB's (the compare-and-swap lost).
// Only these: "Call cib_apply_diff failed: <reason>" also starts every other failure (a timer
// expired, the CIB manager gone with corosync), and those must not be retried as a lost race.
const CONFLICT = /Update was older than existing configuration|Application of update diff failed|is too (low|high) \(/i;
const EXIT_OLD_DATA = 103;
const EXIT_DIFF_RESYNC = 104;

class CommandCibBackend implements CibBackend {
  constructor(
    readonly kind: 'file' | 'live',
    readonly transport: Transport,
    readonly env: Record<string, string>,
    readonly cibFile?: string,
  ) {}

  describe(): string {
    const where = this.transport.nodeName === 'localhost' ? '' : ` on ${this.transport.nodeName}`;
    return this.kind === 'file' ? `CIB file ${this.cibFile}${where}` : `live cluster CIB${where}`;
  }

  async query(): Promise<string> {
    const result = await this.transport.run('cibadmin', ['--query'], { env: this.env });
    if (result.exitCode !== 0) throw new CommandError(result.command, result.exitCode, result.stdout, result.stderr, `cannot read the ${this.describe()}: ${pacemakerMessage(result)}`);
    return result.stdout;
  }

  async applyPatch(patch: string): Promise<PatchOutcome> {
    // cibadmin on a CIB file reads, patches and rewrites it without any lock: two runs patching at
    // once both pass the version check and the last write wins. Holding flock(1) on the file's
    // directory (a stable inode: the file itself is replaced on write) while cibadmin runs makes
    // the patch's source version a real compare-and-swap, as it is against a live cluster.
    const command = ['cibadmin', '--patch', '--xml-pipe'];
    const [file, ...args] = this.kind === 'file' ? ['flock', dirname(this.cibFile!), ...command] : command;
    const result = await this.transport.run(file, args, { env: this.env, input: patch });
    if (result.exitCode === 0) return { ok: true };
    const message = pacemakerMessage(result);
    const conflict = result.exitCode === EXIT_OLD_DATA || result.exitCode === EXIT_DIFF_RESYNC || CONFLICT.test(message);
    return { ok: false, conflict, message, result };
  }
}

/**
 * What Pacemaker said, without the numbered CIB dump cibadmin prints on schema errors and without
 * the generic "Init failed" line that follows the real reason when the CIB cannot be reached.
 */
export function pacemakerMessage(result: CommandResult): string {
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((line) => line.trimEnd());
  const meaningful = lines.filter(
    (line) => line.trim() !== '' && !/^\s*\d+\s+</.test(line) && !/^\s*\d+\s*$/.test(line) && !/^Init failed, could not perform requested operations$/.test(line.trim()),
  );
  return meaningful.join('\n') || `exit code ${result.exitCode ?? 'signal'}`;
}

export function fileBackend(cibFile: string, transport: Transport = new LocalTransport()): CibBackend {
  return new CommandCibBackend('file', transport, { CIB_file: cibFile }, cibFile);
}

export function liveBackend(transport: Transport = new LocalTransport()): CibBackend {
  return new CommandCibBackend('live', transport, {});
}

/**
 * The backend for a run: the CIB file when one is given (created with `nodes` when missing),
 * else the live cluster when `cibadmin --query` answers, else a clear error.
 */
export async function openCibBackend(options: CibBackendOptions = {}): Promise<CibBackend> {
  const transport = options.transport ?? new LocalTransport();
  if (options.cibFile !== undefined) {
    if (!(await transport.stat(options.cibFile))) await createCibFile(transport, options.cibFile, options.nodes ?? DEFAULT_FILE_NODES);
    return fileBackend(options.cibFile, transport);
  }
  const probe = await transport.run('cibadmin', ['--query', '--scope', 'nodes'], { timeoutMs: 15_000 });
  if (probe.exitCode === 0) return liveBackend(transport);
  throw new PapplyError(`no Pacemaker cluster answers on ${transport.nodeName} (${pacemakerMessage(probe).split('\n')[0]}); use --cib-file FILE to work on a CIB file`);
}

/**
 * A new CIB file with `nodes` online and quorate, stonith disabled: enough for crm_verify and
 * crm_simulate to treat it as a small healthy cluster.
 */
export async function createCibFile(transport: Transport, path: string, nodes: readonly string[]): Promise<void> {
  if (nodes.length === 0) throw new PapplyError('a new CIB file needs at least one node (--nodes a,b,c)');
  const empty = await transport.run('cibadmin', ['--empty']);
  if (empty.exitCode !== 0) throw new CommandError(empty.command, empty.exitCode, empty.stdout, empty.stderr);
  const root = parseXml(empty.stdout);
  const configuration = firstChild(root, 'configuration');
  const crmConfig = configuration && firstChild(configuration, 'crm_config');
  const nodesElement = configuration && firstChild(configuration, 'nodes');
  if (!crmConfig || !nodesElement) throw new PapplyError('cibadmin --empty printed an unexpected document');
  crmConfig.children.push(element('cluster_property_set', { id: BOOTSTRAP_SET_ID }, [
    element('nvpair', { id: nvpairId(BOOTSTRAP_SET_ID, 'stonith-enabled'), name: 'stonith-enabled', value: 'false' }),
  ]));
  nodesElement.children.push(...nodes.map((uname, index) => element('node', { id: String(index + 1), uname })));
  // Built beside the target, then hard-linked into place: link(2) refuses an existing name, so when
  // two runs create the same missing file at once, the second keeps the first's file (and what the
  // first may already have patched into it) instead of replacing it.
  const draft = `${path}.papply-new-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await transport.writeFileAtomic(draft, buildXml(root));
    // crm_simulate writes the nodes' status (online members) and quorum into the file.
    const up = nodes.flatMap((node) => ['--node-up', node]);
    const simulated = await transport.run('crm_simulate', ['--xml-file', draft, ...up, '--quorum', '1', '--in-place', '--quiet']);
    if (simulated.exitCode !== 0) throw new CommandError(simulated.command, simulated.exitCode, simulated.stdout, simulated.stderr);
    const linked = await transport.run('ln', [draft, path]);
    if (linked.exitCode !== 0 && !(await transport.stat(path))) throw new CommandError(linked.command, linked.exitCode, linked.stdout, linked.stderr, `cannot create the CIB file ${path}`);
  } finally {
    await transport.remove(draft);
  }
}
