// Connections that drop: the session's sshd process is killed (as a network cut would end it) or
// the whole sshd is stopped. The transport reconnects once; commands already sent are not re-run.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SshConnectionError } from '../../src/backends/ssh/errors.js';
import { SshTransport } from '../../src/backends/ssh/ssh-transport.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';

const skip = reportSkip(sshdSkipReason(), 'ssh reconnect');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(skip)('dropped connections', () => {
  let server: SshdServer;
  let transport: SshTransport;
  let notices: string[];

  beforeEach(async () => {
    server = await SshdServer.start();
    const knownHostsFile = join(server.dir, 'known_hosts');
    writeFileSync(knownHostsFile, `${server.knownHostsLine()}\n`);
    notices = [];
    transport = await SshTransport.connect(
      { user: server.user, host: server.host, port: server.port, label: 'node-a' },
      { identityFiles: [server.userKey.privateKeyFile], knownHostsFile, agent: false, onNotice: (message) => notices.push(message) },
    );
  });
  afterEach(async () => {
    transport?.close();
    await server?.dispose();
  });

  it('reconnects once when the connection dropped between operations, then gives up', async () => {
    expect((await transport.run('true', [])).exitCode).toBe(0);
    expect(server.killSessions()).toBe(1);
    await sleep(200);
    const result = await transport.run('echo', ['after the cut']);
    expect(result.stdout).toBe('after the cut\n');
    expect(notices).toEqual([expect.stringMatching(/^connection lost .*; reconnecting$/)]);

    expect(server.killSessions()).toBe(1);
    await sleep(200);
    const error = await transport.run('true', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SshConnectionError);
    expect((error as SshConnectionError).message).toMatch(/^node-a: connection lost .*the reconnect was already used$/);
  });

  it('does not re-run a command cut off mid-run, and recovers for the next operation', async () => {
    const marker = join(server.dir, 'runs');
    const running = transport.run('sh', ['-c', 'echo run >> "$1"; sleep 30', 'sh', marker]);
    await until(() => readFileSync(marker, { encoding: 'utf8', flag: 'a+' }).includes('run'), 'the command to start');
    server.killSessions();
    const error = await running.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SshConnectionError);
    expect((error as SshConnectionError).kind).toBe('connection-lost');
    expect((error as SshConnectionError).message).toMatch(/connection lost while running 'sh' '-c' .*; not re-run, it may already have taken effect/);
    expect(readFileSync(marker, 'utf8')).toBe('run\n'); // ran exactly once
    expect((await transport.stat(marker))?.size).toBe(4);
  });

  it('repeats an interrupted atomic write on the new connection, leaving no temporary file', async () => {
    const path = join(server.dir, 'big.bin');
    const content = Buffer.alloc(64 * 1024 * 1024, 'x');
    const writing = transport.writeFileAtomic(path, content);
    await until(() => readdirSync(server.dir).some((name) => name.startsWith('.big.bin.papply-')), 'the temporary file');
    server.killSessions();
    await writing;
    expect(readFileSync(path).equals(content)).toBe(true);
    expect(readdirSync(server.dir).filter((name) => name.includes('.papply-'))).toEqual([]);
    expect(notices).toHaveLength(1);
  });

  it('reports the failed reconnect when sshd is gone', async () => {
    await server.stop();
    const error = await transport.readFile('/etc/hostname').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SshConnectionError);
    expect((error as SshConnectionError).kind).toBe('connection-refused');
    expect((error as SshConnectionError).message).toMatch(/^node-a: connection lost \(.*\); reconnecting failed: connection refused by root@127\.0\.0\.1:\d+/);
  });

  it('notices a silent peer through keepalives (a cut network, no reset) and recovers', async () => {
    // A TCP relay to sshd that can go silent: bytes stop flowing both ways, nothing is closed.
    const relayed: Array<{ client: Socket; upstream: Socket }> = [];
    let frozen = false;
    const relay: Server = createServer((client) => {
      const upstream = connect(server.port, server.host);
      const pair = { client, upstream };
      relayed.push(pair);
      client.on('data', (chunk) => frozen || upstream.write(chunk));
      upstream.on('data', (chunk) => frozen || client.write(chunk));
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as { port: number }).port;
    const knownHostsFile = join(server.dir, 'relay_known_hosts');
    writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${server.knownHostsLine().split(' ').slice(1).join(' ')}\n`);
    const viaRelay = await SshTransport.connect(
      { user: server.user, host: server.host, port, label: 'node-r' },
      { identityFiles: [server.userKey.privateKeyFile], knownHostsFile, agent: false, keepaliveIntervalMs: 200, onNotice: (message) => notices.push(message) },
    );
    try {
      const running = viaRelay.run('sleep', ['5']);
      await sleep(300);
      frozen = true;
      const error = await running.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SshConnectionError);
      expect((error as SshConnectionError).message).toMatch(/connection lost while running 'sleep' '5' \(.*[Kk]eepalive.*\); not re-run/);
      frozen = false;
      expect((await viaRelay.run('echo', ['back'])).stdout).toBe('back\n');
      expect(notices).toHaveLength(1);
    } finally {
      viaRelay.close();
      for (const pair of relayed) pair.client.destroy();
      relay.close();
    }
  });
});
