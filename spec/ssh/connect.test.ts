// Authentication and host key verification against a real sshd: what is refused is refused, with
// the reason an operator needs (ssh's fingerprint format, which step failed).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnectionError, type SshFailureKind } from '../../src/backends/ssh/errors.js';
import { SshTransport, type SshTransportOptions } from '../../src/backends/ssh/ssh-transport.js';
import type { SshTarget } from '../../src/backends/ssh/target.js';
import { freePort, generateKey, reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';

const skip = reportSkip(sshdSkipReason(), 'ssh connect');

async function connectionFailure(target: SshTarget, options: SshTransportOptions): Promise<SshConnectionError> {
  try {
    const transport = await SshTransport.connect(target, options);
    transport.close();
  } catch (error) {
    if (error instanceof SshConnectionError) return error;
    throw error;
  }
  throw new Error('connected, but a refusal was expected');
}

function expectKind(error: SshConnectionError, kind: SshFailureKind): void {
  expect({ kind: error.kind, message: error.message }).toMatchObject({ kind });
}

describe.skipIf(skip)('connecting to a real sshd', () => {
  let server: SshdServer;
  let target: SshTarget;
  let trusted: string;

  beforeAll(async () => {
    server = await SshdServer.start();
    target = { user: server.user, host: server.host, port: server.port, label: 'node-a' };
    trusted = join(server.dir, 'trusted_hosts');
    writeFileSync(trusted, `${server.knownHostsLine()}\n`);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const withKey = (knownHostsFile: string, extra: SshTransportOptions = {}): SshTransportOptions => ({
    identityFiles: [server.userKey.privateKeyFile],
    knownHostsFile,
    agent: false,
    ...extra,
  });

  it('logs in with the authorized key and a known host key', async () => {
    const transport = await SshTransport.connect(target, withKey(trusted));
    expect((await transport.run('id', ['-u'])).stdout.trim()).toBe('0');
    transport.close();
  });

  it('refuses a key the node does not authorize', async () => {
    const stranger = generateKey(join(server.dir, 'stranger'));
    const error = await connectionFailure(target, { identityFiles: [stranger.privateKeyFile], knownHostsFile: trusted, agent: false });
    expectKind(error, 'auth-refused');
    expect(error.message).toMatch(/^node-a: authentication refused for root@127\.0\.0\.1:\d+ \(tried key .*stranger\)$/);
  });

  it('refuses an unknown host key and names its SHA256 fingerprint as ssh-keygen prints it', async () => {
    const empty = join(server.dir, 'empty_known_hosts');
    const error = await connectionFailure(target, withKey(empty));
    expectKind(error, 'host-key-unknown');
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${server.hostKey.privateKeyFile}.pub`], { encoding: 'utf8' }).split(' ')[1];
    expect(error.message).toContain(`ED25519 key fingerprint is ${fingerprint}`);
    expect(error.message).toContain(`[127.0.0.1]:${server.port}`);
    expect(existsSync(empty)).toBe(false); // nothing recorded without the opt-in
  });

  it('records a new host key with --accept-new-host-key, then trusts it', async () => {
    const file = join(server.dir, 'fresh', 'known_hosts');
    const first = await SshTransport.connect(target, withKey(file, { acceptNewHostKey: true }));
    first.close();
    expect(readFileSync(file, 'utf8')).toBe(`${server.knownHostsLine()}\n`);
    // OpenSSH itself agrees with what was written.
    expect(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${server.port}`, '-f', file], { encoding: 'utf8' })).toContain(server.knownHostsLine().split(' ')[2]);
    const second = await SshTransport.connect(target, withKey(file));
    second.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('refuses a changed host key loudly, even with --accept-new-host-key', async () => {
    const impostor = generateKey(join(server.dir, 'impostor_host'), 'ed25519');
    const file = join(server.dir, 'changed_known_hosts');
    const line = `[127.0.0.1]:${server.port} ${impostor.publicKeyLine.split(' ').slice(0, 2).join(' ')}\n`;
    writeFileSync(file, line);
    const error = await connectionFailure(target, withKey(file, { acceptNewHostKey: true }));
    expectKind(error, 'host-key-changed');
    expect(error.message).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(error.message).toContain(`${file}:1`);
    expect(readFileSync(file, 'utf8')).toBe(line); // untouched
  });

  it('trusts a hashed known_hosts entry', async () => {
    const file = join(server.dir, 'hashed_known_hosts');
    writeFileSync(file, `${server.knownHostsLine()}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'pipe' });
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    const transport = await SshTransport.connect(target, withKey(file));
    transport.close();
  });

  it('logs in through ssh-agent', async () => {
    const socket = join(server.dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let attempt = 0; attempt < 50 && !existsSync(socket); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      execFileSync('ssh-add', [server.userKey.privateKeyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' });
      const transport = await SshTransport.connect(target, { agent: socket, knownHostsFile: trusted, identityFiles: [] });
      expect((await transport.run('true', [])).exitCode).toBe(0);
      transport.close();
    } finally {
      agent.kill();
    }
  });

  it('says so when nothing listens on the port', async () => {
    const port = await freePort();
    const error = await connectionFailure({ ...target, port }, withKey(trusted));
    expectKind(error, 'connection-refused');
    expect(error.message).toContain(`connection refused by root@127.0.0.1:${port}`);
  });

  it('gives up after the connect timeout when the peer never speaks ssh', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await connectionFailure({ ...target, port }, withKey(trusted, { connectTimeoutMs: 500 }));
      expectKind(error, 'timeout');
      expect(error.message).toContain('within 0.5 s (connect timeout)');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('refuses to start without any identity', async () => {
    const error = await connectionFailure(target, { identityFiles: [join(server.dir, 'no-such-key')], knownHostsFile: trusted, agent: false });
    expectKind(error, 'bad-identity');
    expect(error.message).toContain('cannot read identity');
  });
});
