// `papply apply site.pp --target ssh://user@host[:port] ...`: the same apply, once per node, each
// over its own ssh connection. Facts come from the node, the catalog is compiled here for the
// node's name, and every provider command and file write runs on the node through SshTransport.

import { Command, InvalidArgumentError, Option } from 'commander';
import { PapplyError } from '../errors.js';
import type { Transport } from '../backends/transport.js';
import { SshTransport, type SshTransportOptions } from '../backends/ssh/ssh-transport.js';
import { parseTargetUrl, readTargetsFile, type SshTarget } from '../backends/ssh/target.js';
import { combineExitCodes, formatSummaryTable, PrefixedLineStream, runOnNodes } from '../engine/multinode.js';

export interface RemoteApplyOptions {
  target?: string[];
  targetsFile?: string;
  parallel?: number;
  serialGroup?: string[];
  identity?: string[];
  knownHosts?: string;
  acceptNewHostKey?: boolean;
  connectTimeout?: number;
  commandTimeout?: number;
  detailedExitcodes?: boolean;
  nodeName?: string;
}

export interface NodeStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  transport: Transport;
}

/** Applies to one node with the given streams and transport; resolves with its exit code. */
export type ApplyOnNode = (streams: NodeStreams) => Promise<number>;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveNumber(what: string, integer: boolean): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!(number > 0) || (integer && !Number.isInteger(number))) throw new InvalidArgumentError(`${what} must be a positive ${integer ? 'integer' : 'number'}`);
    return number;
  };
}

/** Adds the remote options to the apply command. */
export function addRemoteApplyOptions(command: Command): void {
  command
    .option('--target <url>', 'apply on this node over ssh: ssh://user@host[:port] (repeatable)', collect)
    .option('--targets-file <file>', 'nodes to apply on, one ssh:// URL per line, optionally followed by group=NAME')
    .addOption(new Option('--parallel <n>', 'apply on at most N nodes at a time').argParser(positiveNumber('--parallel', true)).default(1))
    .option('--serial-group <nodes>', 'comma-separated nodes (host or host:port) that must not be applied at the same time (repeatable)', collect)
    .option('--identity <file>', 'private key for ssh (repeatable; default: the ssh agent, then ~/.ssh/id_*)', collect)
    .option('--known-hosts <file>', 'known_hosts file to check and record host keys (default ~/.ssh/known_hosts)')
    .option('--accept-new-host-key', 'trust and record the key of a node that has none in known_hosts (never a changed key)')
    .addOption(new Option('--connect-timeout <seconds>', 'give up connecting to a node after this long').argParser(positiveNumber('--connect-timeout', false)).default(15))
    .addOption(new Option('--command-timeout <seconds>', 'default time limit for each command run on a node').argParser(positiveNumber('--command-timeout', false)));
}

/** Was a remote run asked for? */
export function wantsRemoteApply(options: RemoteApplyOptions): boolean {
  return (options.target?.length ?? 0) > 0 || options.targetsFile !== undefined;
}

/** The targets of a run, with serial groups from the targets file and from --serial-group. */
export async function resolveTargets(options: RemoteApplyOptions): Promise<SshTarget[]> {
  const targets = [...(options.targetsFile ? await readTargetsFile(options.targetsFile) : []), ...(options.target ?? []).map(parseTargetUrl)];
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.label)) throw new PapplyError(`target ${target.label} is given twice`);
    seen.add(target.label);
  }
  (options.serialGroup ?? []).forEach((list, index) => {
    const group = `serial-${index + 1}`;
    for (const name of list.split(',').map((item) => item.trim()).filter(Boolean)) {
      const matches = targets.filter((target) => target.label === name || target.host === name);
      if (matches.length === 0) throw new PapplyError(`--serial-group names ${name}, which is not a target`);
      for (const target of matches) target.group = group;
    }
  });
  return targets;
}

export interface RemoteApplyStreams {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Runs `applyOnNode` on every target; prints node-prefixed output and a summary; returns the run's exit code. */
export async function runRemoteApply(options: RemoteApplyOptions, applyOnNode: ApplyOnNode, streams: RemoteApplyStreams = {}): Promise<number> {
  const stdout = streams.stdout ?? process.stdout;
  const stderr = streams.stderr ?? process.stderr;
  let targets: SshTarget[];
  try {
    if (options.nodeName !== undefined) throw new PapplyError('--node-name cannot be used with --target: each node is compiled under its own name');
    targets = await resolveTargets(options);
    if (targets.length === 0) throw new PapplyError(`no targets in ${options.targetsFile}`);
  } catch (error) {
    stderr.write(`Error: ${error instanceof PapplyError ? error.describe() : String(error)}\n`);
    return 1;
  }

  const sshOptions: SshTransportOptions = {
    identityFiles: options.identity,
    knownHostsFile: options.knownHosts,
    acceptNewHostKey: Boolean(options.acceptNewHostKey),
    connectTimeoutMs: (options.connectTimeout ?? 15) * 1000,
    commandTimeoutMs: options.commandTimeout === undefined ? undefined : options.commandTimeout * 1000,
  };

  const outcomes = await runOnNodes(targets, { parallel: options.parallel ?? 1 }, async (target) => {
    const nodeOut = new PrefixedLineStream(stdout, `[${target.label}] `);
    const nodeErr = new PrefixedLineStream(stderr, `[${target.label}] `);
    let transport: SshTransport | undefined;
    try {
      transport = await SshTransport.connect(target, { ...sshOptions, onNotice: (message) => nodeErr.write(`Warning: ${message}\n`) });
      return await applyOnNode({ stdout: nodeOut, stderr: nodeErr, transport });
    } catch (error) {
      const message = error instanceof PapplyError ? error.describe() : error instanceof Error ? error.message : String(error);
      nodeErr.write(`Error: ${message}\n`);
      throw error;
    } finally {
      transport?.close();
      nodeOut.end();
      nodeErr.end();
    }
  });

  const detailed = Boolean(options.detailedExitcodes);
  stdout.write(`${formatSummaryTable(outcomes, detailed)}\n`);
  return combineExitCodes(outcomes.map((outcome) => outcome.exitCode));
}
