// The CIB backend over an ssh Transport (a real sshd on loopback): reading, checking on a scratch
// copy, the compare-and-swap patch and crm_simulate all run "remotely" with the same code.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CibSession } from '../../src/backends/cib/index.js';
import { SshTransport } from '../../src/backends/ssh/ssh-transport.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';
import { cibFixture, dummy, type CibFixture } from './support.js';

const skip = reportSkip(sshdSkipReason(), 'CIB over ssh');

describe.skipIf(skip)('CIB session over ssh', () => {
  let server: SshdServer;
  let transport: SshTransport;
  let cib: CibFixture;

  beforeAll(async () => {
    server = await SshdServer.start();
    const knownHostsFile = join(server.dir, 'known_hosts');
    writeFileSync(knownHostsFile, `${server.knownHostsLine()}\n`);
    transport = await SshTransport.connect(
      { user: server.user, host: server.host, port: server.port, label: 'node-r' },
      { identityFiles: [server.userKey.privateKeyFile], knownHostsFile, agent: false },
    );
    cib = cibFixture();
  });
  afterAll(async () => {
    transport?.close();
    await server?.dispose();
    cib?.cleanup();
  });

  it('creates the CIB file, applies one patch, predicts in noop and rejects an invalid change remotely', async () => {
    const session = await CibSession.open({ transport, cibFile: cib.file, nodes: ['node-1', 'node-2'] });
    expect(session.backend.describe()).toBe(`CIB file ${cib.file} on node-r`);
    expect(session.model.nodes.map((node) => node.uname)).toEqual(['node-1', 'node-2']);
    const preview = await session.commit([dummy('remote-a')], { noop: true });
    expect(preview.transition?.map((action) => `${action.action} ${action.resource}`)).toEqual(['start remote-a']);
    const before = await cib.epoch();
    const result = await session.commit([dummy('remote-a')]);
    expect(result.changed).toBe(true);
    expect(await cib.epoch()).toBe(before + 1);
    expect(session.model.resources.has('remote-a')).toBe(true);
    await expect(session.commit([{ kind: 'location', owner: 'Cs_location[x]', id: 'x', rsc: 'remote-a', node: 'node-1', score: 'lots' }]))
      .rejects.toThrow(/Pacemaker rejects the change/);
    expect(await cib.epoch()).toBe(before + 1);
  });
});
