// The node scheduler driving real ssh sessions: three sshd "nodes", jobs that run a remote
// `sleep` between two remote timestamps; the overlap of those intervals shows how many nodes ran
// at once (an assertion on counts, not on speed).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshTransport } from '../../src/backends/ssh/ssh-transport.js';
import type { SshTarget } from '../../src/backends/ssh/target.js';
import { combineExitCodes, formatSummaryTable, PrefixedLineStream, runOnNodes } from '../../src/engine/multinode.js';
import { maxOverlap, type TimedInterval } from '../support/overlap.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';

interface Interval extends TimedInterval {
  node: string;
}

describe('combineExitCodes', () => {
  it('ORs the detailed bits and lets a node that could not be applied win', () => {
    expect(combineExitCodes([0, 0])).toBe(0);
    expect(combineExitCodes([2, 0, 4])).toBe(6);
    expect(combineExitCodes([2, 2])).toBe(2);
    expect(combineExitCodes([2, 1, 4])).toBe(1);
    expect(combineExitCodes([])).toBe(0);
  });
});

describe('formatSummaryTable', () => {
  it('lines up one row per node with its result', () => {
    const table = formatSummaryTable(
      [
        { node: 'db-1', group: 'galera', exitCode: 2, seconds: 1.25 },
        { node: 'web-10', exitCode: 1, error: 'web-10: connection refused by root@web-10:22 (is sshd running?)\nmore', seconds: 0.04 },
      ],
      true,
    );
    expect(table.split('\n')).toEqual([
      'NODE    GROUP   RESULT   EXIT  TIME  DETAIL',
      'db-1    galera  changed  2     1.3s',
      'web-10  -       error    1     0.0s  web-10: connection refused by root@web-10:22 (is sshd running?)',
    ]);
  });
});

describe('PrefixedLineStream', () => {
  it('prefixes whole lines and flushes a last partial line at the end', async () => {
    const target = new PassThrough();
    const chunks: string[] = [];
    target.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const stream = new PrefixedLineStream(target, '[n1] ');
    stream.write('Notice: a\nNotice: b');
    stream.write(' continued\n');
    await new Promise<void>((resolve) => stream.end('tail', resolve));
    expect(chunks.join('')).toBe('[n1] Notice: a\n[n1] Notice: b continued\n[n1] tail\n');
  });
});

const skip = reportSkip(sshdSkipReason(), 'multinode over ssh');

describe.skipIf(skip)('runOnNodes with real ssh sessions', () => {
  const servers: SshdServer[] = [];
  let knownHostsFile: string;

  beforeAll(async () => {
    for (let index = 0; index < 3; index++) servers.push(await SshdServer.start());
    knownHostsFile = join(servers[0].dir, 'known_hosts');
    writeFileSync(knownHostsFile, servers.map((server) => `${server.knownHostsLine()}\n`).join(''));
  });
  afterAll(async () => {
    for (const server of servers) await server.dispose();
  });

  const targets = (groups: Array<string | undefined>): SshTarget[] =>
    servers.map((server, index) => ({ user: server.user, host: server.host, port: server.port, label: `node-${index + 1}`, group: groups[index] }));

  /** Connects, records remote timestamps around a remote sleep, disconnects. */
  async function timedJob(target: SshTarget, intervals: Interval[]): Promise<number> {
    const server = servers.find((candidate) => candidate.port === target.port)!;
    const transport = await SshTransport.connect(target, { identityFiles: [server.userKey.privateKeyFile], knownHostsFile, agent: false });
    try {
      const result = await transport.run('sh', ['-c', 'date +%s%N; sleep 1.5; date +%s%N']);
      const [start, end] = result.stdout.trim().split('\n').map((line) => BigInt(line));
      intervals.push({ node: target.label, start, end });
      return 2;
    } finally {
      transport.close();
    }
  }

  it('runs at most --parallel nodes at once, and uses the parallelism', async () => {
    const intervals: Interval[] = [];
    const outcomes = await runOnNodes(targets([]), { parallel: 2 }, (target) => timedJob(target, intervals));
    expect(outcomes.map((outcome) => [outcome.node, outcome.exitCode])).toEqual([
      ['node-1', 2],
      ['node-2', 2],
      ['node-3', 2],
    ]);
    expect(intervals).toHaveLength(3);
    expect(maxOverlap(intervals)).toBe(2);
  });

  it('keeps nodes of a serial group apart while others run beside them', async () => {
    const intervals: Interval[] = [];
    await runOnNodes(targets(['galera', 'galera', undefined]), { parallel: 3 }, (target) => timedJob(target, intervals));
    const galera = intervals.filter((interval) => interval.node !== 'node-3');
    expect(maxOverlap(galera)).toBe(1);
    expect(maxOverlap(intervals)).toBe(2); // node-3 ran beside one of them
  });

  it('fails only the node whose job throws, and reports why', async () => {
    const outcomes = await runOnNodes(targets([]), { parallel: 3 }, async (target) => {
      if (target.label === 'node-2') {
        // A real refusal: a port nothing listens on.
        await SshTransport.connect({ ...target, port: 1 }, { identityFiles: [servers[1].userKey.privateKeyFile], knownHostsFile, agent: false });
      }
      return 0;
    });
    expect(outcomes.map((outcome) => outcome.exitCode)).toEqual([0, 1, 0]);
    expect(outcomes[1].error).toMatch(/^node-2: connection refused by root@127\.0\.0\.1:1/);
    expect(combineExitCodes(outcomes.map((outcome) => outcome.exitCode))).toBe(1);
  });
});
