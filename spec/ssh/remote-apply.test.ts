// `papply apply site.pp --target ...` end to end: three nodes, each a real sshd in its own UTS and
// mount namespaces (its own hostname, its own /srv/papply-node). Facts come from each node, the
// catalog is compiled for each node's name, and the files and commands land on the node.

import { mkdtempSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxOverlap } from '../support/overlap.js';
import { papply } from '../support/papply-cli.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';

const NODE_DIR = '/srv/papply-node';

const MANIFEST = `
node 'node-1' {
  file { '${NODE_DIR}/role': content => "database\\n", mode => '0640' }
}
node default {
  file { '${NODE_DIR}/role': content => "web on \${facts['networking']['hostname']}\\n" }
}
exec { 'stamp':
  provider => shell,
  command  => 'echo "start $(date +%s%N)" >> ${NODE_DIR}/stamps; sleep 1.5; echo "end $(date +%s%N)" >> ${NODE_DIR}/stamps',
}
`;

/** The exec's run on a node, from its 'start <ns>' and 'end <ns>' lines. */
function stampedInterval(path: string): { start: bigint; end: bigint } {
  const stamps = Object.fromEntries(readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(' ')));
  return { start: BigInt(stamps.start), end: BigInt(stamps.end) };
}

const skip = reportSkip(sshdSkipReason(), 'remote apply');

describe.skipIf(skip)('papply apply --target on three namespaced nodes', () => {
  const nodes: SshdServer[] = [];
  let dir: string;
  let manifest: string;
  let knownHosts: string;
  let identity: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'papply-remote-apply-'));
    for (let index = 1; index <= 3; index++) nodes.push(await SshdServer.start({ hostname: `node-${index}`, privateDirs: [NODE_DIR] }));
    manifest = join(dir, 'site.pp');
    writeFileSync(manifest, MANIFEST);
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, nodes.map((node) => `${node.knownHostsLine()}\n`).join(''));
    // One key for all nodes, as an operator would have.
    identity = nodes[0].userKey.privateKeyFile;
    for (const node of nodes.slice(1)) writeFileSync(join(node.dir, 'authorized_keys'), `${nodes[0].userKey.publicKeyLine}\n`);
  });
  afterAll(async () => {
    for (const node of nodes) await node.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmdirSync(NODE_DIR); // the empty mount point the nodes' tmpfs sat on
  });

  it('applies each node its own catalog, at most two at a time, with prefixed output and a summary', async () => {
    const targets = nodes.flatMap((node) => ['--target', node.url()]);
    const result = await papply(['apply', manifest, ...targets, '--parallel', '2', '--identity', identity, '--known-hosts', knownHosts, '--detailed-exitcodes']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: '' });

    expect(readFileSync(nodes[0].nodePath(`${NODE_DIR}/role`), 'utf8')).toBe('database\n');
    expect(statSync(nodes[0].nodePath(`${NODE_DIR}/role`)).mode & 0o7777).toBe(0o640);
    expect(readFileSync(nodes[1].nodePath(`${NODE_DIR}/role`), 'utf8')).toBe('web on node-2\n');
    expect(readFileSync(nodes[2].nodePath(`${NODE_DIR}/role`), 'utf8')).toBe('web on node-3\n');
    // Not on this machine: the writes went to the nodes.
    expect(() => statSync(`${NODE_DIR}/role`)).toThrow();

    const intervals = nodes.map((node) => {
      return stampedInterval(node.nodePath(`${NODE_DIR}/stamps`));
    });
    expect(maxOverlap(intervals)).toBe(2);

    for (const [index, node] of nodes.entries()) {
      const label = `127.0.0.1:${node.port}`;
      expect(result.stdout).toContain(`[${label}] Notice: Compiled catalog for node-${index + 1} `);
      expect(result.stdout).toMatch(new RegExp(`\\[${label}\\] Notice: /Stage\\[main\\]/Main/Exec\\[stamp\\]/returns: executed successfully`));
      expect(result.stdout).toMatch(new RegExp(`^${label.replace(/\./g, '\\.')} +- +changed +2 `, 'm'));
    }
    expect(result.stdout).toMatch(/^NODE +GROUP +RESULT +EXIT +TIME +DETAIL$/m);
  });

  it('keeps the nodes of a targets-file group one at a time', async () => {
    const targetsFile = join(dir, 'targets');
    writeFileSync(
      targetsFile,
      ['# galera members must not restart together', ...nodes.map((node) => `${node.url()} group=galera`), ''].join('\n'),
    );
    for (const node of nodes) rmSync(node.nodePath(`${NODE_DIR}/stamps`), { force: true });
    const result = await papply(['apply', manifest, '--targets-file', targetsFile, '--parallel', '3', '--identity', identity, '--known-hosts', knownHosts]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' }); // no --detailed-exitcodes: changes exit 0
    const intervals = nodes.map((node) => {
      return stampedInterval(node.nodePath(`${NODE_DIR}/stamps`));
    });
    expect(maxOverlap(intervals)).toBe(1);
    expect(result.stdout).toMatch(/^127\.0\.0\.1:\d+ +galera +ok +0 /m);
  });

  it('reports a node that refuses the key, applies the others, and exits 1', async () => {
    writeFileSync(join(nodes[1].dir, 'authorized_keys'), ''); // node-2 authorizes nobody
    try {
      const result = await papply([
        'apply', manifest, '--target', nodes[0].url(), '--target', nodes[1].url(), '--identity', identity, '--known-hosts', knownHosts, '--detailed-exitcodes',
      ]);
      expect(result.code, result.stderr).toBe(1);
      const label = `127.0.0.1:${nodes[1].port}`;
      expect(result.stderr).toContain(`[${label}] Error: ${label}: authentication refused for root@127.0.0.1:${nodes[1].port}`);
      expect(result.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${nodes[0].port} +- +changed +2 `, 'm'));
      expect(result.stdout).toMatch(new RegExp(`^${label.replace(/\./g, '\\.')} +- +error +1 .*authentication refused`, 'm'));
    } finally {
      writeFileSync(join(nodes[1].dir, 'authorized_keys'), `${nodes[0].userKey.publicKeyLine}\n`);
    }
  });

  it('reports a connection cut during a node\'s run as that node\'s failure, not re-running the command', async () => {
    for (const node of nodes) rmSync(node.nodePath(`${NODE_DIR}/stamps`), { force: true });
    const stamps = nodes[1].nodePath(`${NODE_DIR}/stamps`);
    const running = papply(['apply', manifest, '--target', nodes[0].url(), '--target', nodes[1].url(), '--parallel', '2', '--identity', identity, '--known-hosts', knownHosts, '--detailed-exitcodes']);
    // Cut node-2 while its exec sleeps between the two timestamps.
    for (let attempt = 0; attempt < 600 && readFileSync(stamps, { encoding: 'utf8', flag: 'a+' }) === ''; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nodes[1].killSessions()).toBeGreaterThan(0);
    const result = await running;
    expect(result.code).toBe(6); // node-1 changed, node-2 failed a resource: 2 | 4
    const label = `127.0.0.1:${nodes[1].port}`;
    expect(result.stderr).toContain(`[${label}] Warning: connection lost`);
    expect(result.stderr).toMatch(/Exec\[stamp\].* failed: 127\.0\.0\.1:\d+: connection lost while running '\/bin\/sh' '-c' .*; not re-run, it may already have taken effect/);
    // Started once and never re-run (the cut shell may still write its 'end' line on its own).
    expect(readFileSync(stamps, 'utf8').match(/^start /gm)).toHaveLength(1);
    expect(result.stdout).toMatch(new RegExp(`^${label.replace(/\./g, '\\.')} +- +failures +4 `, 'm'));
  });

  it('refuses a node with an unknown host key, naming its fingerprint', async () => {
    const partial = join(dir, 'partial_known_hosts');
    writeFileSync(partial, `${nodes[0].knownHostsLine()}\n`);
    const result = await papply(['apply', manifest, '--target', nodes[2].url(), '--identity', identity, '--known-hosts', partial]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/host key for \[127\.0\.0\.1\]:\d+ is not known \(ED25519 key fingerprint is SHA256:[A-Za-z0-9+/]{43}\)/);
  });

  it('refuses --node-name together with targets', async () => {
    const result = await papply(['apply', manifest, '--target', nodes[0].url(), '--node-name', 'x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--node-name cannot be used with --target');
  });
});
