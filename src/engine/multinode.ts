// Running one job per node with a limit on how many run at once, and serial groups: nodes of the
// same group (a Galera donor and its peers, corosync members) never run at the same time. Nodes
// start in the order given; a node whose group is busy waits while later nodes may go ahead.

import { Writable } from 'node:stream';

export interface ScheduledNode {
  /** Unique name used in output and the summary. */
  label: string;
  /** Nodes sharing a group run one after another. */
  group?: string;
}

export interface NodeOutcome {
  node: string;
  group?: string;
  /** The node's exit code (puppet apply's, detailed or not); 1 when the job threw. */
  exitCode: number;
  /** Why the job failed, when it threw (could not connect, could not compile ...). */
  error?: string;
  seconds: number;
}

export interface RunOnNodesOptions {
  /** At most this many nodes at a time (at least 1). */
  parallel: number;
}

/** Runs `perNode` for every node within the limits; resolves with the outcomes in input order. */
export async function runOnNodes<N extends ScheduledNode>(
  nodes: readonly N[],
  options: RunOnNodesOptions,
  perNode: (node: N) => Promise<number>,
): Promise<NodeOutcome[]> {
  const parallel = Math.max(1, Math.floor(options.parallel));
  const outcomes: NodeOutcome[] = new Array(nodes.length);
  const waiting = nodes.map((node, index) => ({ node, index }));
  const busyGroups = new Set<string>();
  let running = 0;

  return await new Promise((resolve) => {
    const startNext = () => {
      while (running < parallel) {
        const position = waiting.findIndex(({ node }) => node.group === undefined || !busyGroups.has(node.group));
        if (position === -1) break;
        const [{ node, index }] = waiting.splice(position, 1);
        running += 1;
        if (node.group !== undefined) busyGroups.add(node.group);
        const started = performance.now();
        const finish = (exitCode: number, error?: string) => {
          outcomes[index] = { node: node.label, group: node.group, exitCode, error, seconds: (performance.now() - started) / 1000 };
          running -= 1;
          if (node.group !== undefined) busyGroups.delete(node.group);
          startNext();
        };
        // A job that throws fails its node only; the others carry on.
        Promise.resolve()
          .then(() => perNode(node))
          .then(
            (exitCode) => finish(exitCode),
            (error: unknown) => finish(1, error instanceof Error ? error.message : String(error)),
          );
      }
      if (running === 0 && waiting.length === 0) resolve(outcomes);
    };
    startNext();
  });
}

/**
 * The run's exit code from the nodes': 1 when any node could not be applied at all (no
 * connection, no catalog); otherwise the OR of the detailed bits (2 changes, 4 failures).
 */
export function combineExitCodes(codes: readonly number[]): number {
  if (codes.some((code) => code !== 0 && (code & ~6) !== 0)) return 1;
  return codes.reduce((combined, code) => combined | code, 0);
}

function describeExitCode(code: number, detailed: boolean): string {
  if (code === 0) return detailed ? 'unchanged' : 'ok';
  if (code === 2) return 'changed';
  if (code === 4) return 'failures';
  if (code === 6) return 'changed, failures';
  return 'error';
}

/** The per-node summary printed at the end of a multi-node run. */
export function formatSummaryTable(outcomes: readonly NodeOutcome[], detailed: boolean): string {
  const header = ['NODE', 'GROUP', 'RESULT', 'EXIT', 'TIME', 'DETAIL'];
  const rows = outcomes.map((outcome) => [
    outcome.node,
    outcome.group ?? '-',
    describeExitCode(outcome.exitCode, detailed),
    String(outcome.exitCode),
    `${outcome.seconds.toFixed(1)}s`,
    (outcome.error ?? '').split('\n')[0],
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

/**
 * A stream that writes each line to `target` behind `[node] `, so that the output of nodes
 * running at once stays readable. A partial line waits for its end (or for `end()`).
 */
export class PrefixedLineStream extends Writable {
  private pending = '';

  constructor(
    private readonly target: NodeJS.WritableStream,
    private readonly prefix: string,
  ) {
    super({ decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const lines = (this.pending + chunk.toString()).split('\n');
    this.pending = lines.pop() ?? '';
    if (lines.length > 0) this.target.write(lines.map((line) => `${this.prefix}${line}\n`).join(''));
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.pending) this.target.write(`${this.prefix}${this.pending}\n`);
    this.pending = '';
    callback();
  }
}
