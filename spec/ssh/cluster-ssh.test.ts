// Remote apply on the namespace cluster: an sshd inside each Pacemaker node (its network, mount
// and UTS namespaces), reached through a relay as across a network. `papply apply --target x3
// --parallel 2` configures a primitive in the live CIB and writes a file on each node.

import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireCluster, CLUSTER_SCRIPT, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { papply } from '../support/papply-cli.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';

const PRIMITIVE = 'p_papply_ssh_probe';
const MARKER = '/var/lib/pacemaker/papply-ssh-marker';

const MANIFEST = `
cs_primitive { '${PRIMITIVE}':
  primitive_class => 'ocf',
  provided_by     => 'pacemaker',
  primitive_type  => 'Dummy',
  metadata        => { 'target-role' => 'Stopped' },
}
file { '${MARKER}': content => "applied on \${facts['networking']['hostname']}\\n" }
`;

const skip = reportSkip(sshdSkipReason() ?? clusterSkipReason(), 'remote apply on the namespace cluster');

describe.skipIf(skip)('papply apply --target on the namespace cluster nodes', () => {
  let cluster: Cluster;
  const nodes: SshdServer[] = [];
  let dir: string;

  beforeAll(async () => {
    cluster = await acquireCluster();
    dir = mkdtempSync(join(tmpdir(), 'papply-cluster-ssh-'));
    const { stdout } = await execa(CLUSTER_SCRIPT, ['status']);
    for (let node = 1; node <= 3; node++) {
      const address = new RegExp(`^node-${node} running .* addr=(\\S+)`, 'm').exec(stdout)?.[1];
      if (!address) throw new Error(`no address for node-${node} in:\n${stdout}`);
      nodes.push(await SshdServer.start({ enter: { pid: await cluster.pid(node), listenAddress: address } }));
    }
    await cluster.removeResources([PRIMITIVE]);
  });
  afterAll(async () => {
    for (const node of nodes) await node.dispose();
    for (let node = 1; node <= 3 && cluster; node++) await cluster.run(node, 'rm', ['-f', MARKER]);
    await cluster?.removeResources([PRIMITIVE]);
    await cluster?.release();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('configures the cluster and each node over ssh, two nodes at a time', async () => {
    const manifest = join(dir, 'site.pp');
    writeFileSync(manifest, MANIFEST);
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, nodes.map((node) => `${node.knownHostsLine()}\n`).join(''));
    const identity = nodes[0].userKey.privateKeyFile;
    for (const node of nodes.slice(1)) writeFileSync(join(node.dir, 'authorized_keys'), `${nodes[0].userKey.publicKeyLine}\n`);

    const targets = nodes.flatMap((node) => ['--target', node.url()]);
    const result = await papply(['apply', manifest, ...targets, '--parallel', '2', '--identity', identity, '--known-hosts', knownHosts, '--detailed-exitcodes']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: '' });

    for (let node = 1; node <= 3; node++) {
      expect(await cluster.check(node, 'cat', [MARKER])).toBe(`applied on node-${node}\n`);
      expect(result.stdout).toContain(`Notice: Compiled catalog for node-${node} `);
    }
    // The primitive landed once in the one CIB the three nodes share.
    const primitive = await cluster.check(1, 'cibadmin', ['--query', '--xpath', `//primitive[@id='${PRIMITIVE}']`]);
    expect(primitive).toContain('type="Dummy"');
    expect(result.stdout).toMatch(/^NODE +GROUP +RESULT +EXIT/m);

    // A second run finds everything in place on every node.
    const again = await papply(['apply', manifest, ...targets, '--parallel', '3', '--identity', identity, '--known-hosts', knownHosts, '--detailed-exitcodes']);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
