// Opening one authenticated ssh2 connection to a node: keys from files or the agent, the host key
// checked against known_hosts (strict by default), and failures named for what they are.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AgentAuthMethod, Client as ClientType, ConnectConfig, PublicKeyAuthMethod, ServerHostKeyAlgorithm } from 'ssh2';
import { SshConnectionError } from './errors.js';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintSha256,
  keyTypeLabel,
  keyTypeOf,
  knownHostsName,
  preferredHostKeyAlgorithms,
  readKnownHostsFiles,
} from './known-hosts.js';
import type { SshTarget } from './target.js';

const { Client, utils } = ssh2;

export interface SshConnectOptions {
  /** Private key files tried in order. Without any (and without an agent), ~/.ssh/id_* are used. */
  identityFiles?: readonly string[];
  /** ssh-agent socket; defaults to $SSH_AUTH_SOCK. `false` disables the agent. */
  agent?: string | false;
  /** Where trusted host keys are read and new ones appended; default ~/.ssh/known_hosts. */
  knownHostsFile?: string;
  /** Read-only system-wide list, default /etc/ssh/ssh_known_hosts. */
  globalKnownHostsFile?: string;
  /** Trust (and record) the key of a host that has none in known_hosts yet. Never a changed key. */
  acceptNewHostKey?: boolean;
  /** TCP connect + handshake + authentication, default 15 s. */
  connectTimeoutMs?: number;
  /** A silent peer is declared dead after 3 unanswered keepalives at this interval (default 5 s). */
  keepaliveIntervalMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

function defaultKnownHostsFile(): string {
  return join(homedir(), '.ssh', 'known_hosts');
}

interface LoadedIdentity {
  file: string;
  key: Buffer;
}

function loadIdentities(node: string, options: SshConnectOptions, agent: string | undefined): LoadedIdentity[] {
  const explicit = options.identityFiles ?? [];
  const files =
    explicit.length > 0 || agent
      ? explicit
      : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(homedir(), '.ssh', name)).filter((file) => existsSync(file));
  return files.map((file) => {
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch (error) {
      throw new SshConnectionError(node, 'bad-identity', `cannot read identity ${file}: ${(error as Error).message}`, { cause: error });
    }
    const parsed = utils.parseKey(key);
    if (parsed instanceof Error) {
      const reason = /encrypted/i.test(parsed.message)
        ? 'it is encrypted; load it into ssh-agent instead'
        : parsed.message;
      throw new SshConnectionError(node, 'bad-identity', `cannot use identity ${file}: ${reason}`, { cause: parsed });
    }
    return { file, key };
  });
}

interface HostKeyRefusal {
  kind: 'host-key-unknown' | 'host-key-changed' | 'host-key-revoked';
  message: string;
}

/** Connects and authenticates; rejects with an SshConnectionError saying which step failed. */
export async function connectSsh(target: SshTarget, options: SshConnectOptions = {}): Promise<ClientType> {
  const node = target.label;
  const agent = options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK) || undefined;
  const identities = loadIdentities(node, options, agent);
  const knownHostsFile = options.knownHostsFile ?? defaultKnownHostsFile();
  const knownHosts = await readKnownHostsFiles([knownHostsFile, options.globalKnownHostsFile ?? '/etc/ssh/ssh_known_hosts']);
  const hostName = knownHostsName(target.host, target.port);

  const authMethods: Array<PublicKeyAuthMethod | AgentAuthMethod> = [
    ...identities.map((identity): PublicKeyAuthMethod => ({ type: 'publickey', username: target.user, key: identity.key })),
    ...(agent ? [{ type: 'agent', username: target.user, agent } satisfies AgentAuthMethod] : []),
  ];
  if (authMethods.length === 0) {
    throw new SshConnectionError(node, 'bad-identity', 'no identity to log in with: pass --identity FILE or run an ssh-agent (SSH_AUTH_SOCK)');
  }

  let refusal: HostKeyRefusal | undefined;
  let newHostKey: Buffer | undefined;
  const verifyHostKey = (key: Buffer): boolean => {
    const verdict = checkHostKey(knownHosts, hostName, key);
    const offered = `${keyTypeLabel(keyTypeOf(key))} key fingerprint is ${fingerprintSha256(key)}`;
    switch (verdict.status) {
      case 'known':
        return true;
      case 'revoked':
        refusal = { kind: 'host-key-revoked', message: `host key for ${hostName} is marked @revoked in ${verdict.entry.file}:${verdict.entry.line} (${offered}); refusing to connect` };
        return false;
      case 'changed': {
        const known = verdict.known.map((entry) => `${entry.file}:${entry.line} (${keyTypeLabel(entry.keyType)} ${fingerprintSha256(entry.key)})`).join(', ');
        refusal = {
          kind: 'host-key-changed',
          message: `REMOTE HOST IDENTIFICATION HAS CHANGED for ${hostName}: ${offered}, but known_hosts has ${known}. Someone could be intercepting the connection, or the host key was replaced. Refusing to connect; remove the old key from known_hosts if the change is expected`,
        };
        return false;
      }
      case 'unknown':
        if (options.acceptNewHostKey) {
          newHostKey = key;
          return true;
        }
        refusal = {
          kind: 'host-key-unknown',
          message: `host key for ${hostName} is not known (${offered}). Host key verification failed: add it to ${knownHostsFile} or pass --accept-new-host-key`,
        };
        return false;
    }
  };

  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveInterval: options.keepaliveIntervalMs ?? 5_000,
    keepaliveCountMax: 3,
    hostVerifier: verifyHostKey,
    authHandler: authMethods,
    algorithms: {
      serverHostKey: preferredHostKeyAlgorithms(knownHosts, hostName, DEFAULT_HOST_KEY_ALGORITHMS) as ServerHostKeyAlgorithm[],
    },
  };

  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    // Stays attached: ssh2 may report more errors while tearing down, and those must not become
    // uncaught exceptions. After the handshake the transport's own listeners take over.
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(classifyConnectError(node, target, error, refusal, options));
    });
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    client.connect(config);
  });
  // Recorded only once the server proved it holds the key (authentication succeeded).
  if (newHostKey) await appendKnownHost(knownHostsFile, hostName, newHostKey);
  return client;
}

/** ssh2's default host key algorithms (ed25519 first when the platform has it), as ssh offers them. */
const DEFAULT_HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256'];

function classifyConnectError(
  node: string,
  target: SshTarget,
  error: Error & { level?: string; code?: string },
  refusal: HostKeyRefusal | undefined,
  options: SshConnectOptions,
): SshConnectionError {
  const where = `${target.user}@${target.host}:${target.port}`;
  if (refusal) return new SshConnectionError(node, refusal.kind, refusal.message, { cause: error });
  if (error.level === 'client-authentication') {
    return new SshConnectionError(node, 'auth-refused', `authentication refused for ${where} (tried ${describeMethods(options)})`, { cause: error });
  }
  if (error.level === 'client-timeout') {
    const seconds = (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000;
    return new SshConnectionError(node, 'timeout', `no ssh session with ${where} within ${seconds} s (connect timeout)`, { cause: error });
  }
  if (error.code === 'ECONNREFUSED') return new SshConnectionError(node, 'connection-refused', `connection refused by ${where} (is sshd running?)`, { cause: error });
  if (error.code === 'ETIMEDOUT') return new SshConnectionError(node, 'timeout', `connecting to ${where} timed out`, { cause: error });
  if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return new SshConnectionError(node, 'unreachable', `cannot reach ${where}: ${error.code}`, { cause: error });
  }
  if (error.code === 'ECONNRESET') return new SshConnectionError(node, 'connection-lost', `connection to ${where} was reset during the handshake`, { cause: error });
  return new SshConnectionError(node, 'protocol', `ssh connection to ${where} failed: ${error.message}`, { cause: error });
}

function describeMethods(options: SshConnectOptions): string {
  const methods = [...(options.identityFiles ?? []).map((file) => `key ${file}`)];
  const agent = options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK);
  if (agent) methods.push('ssh-agent');
  return methods.length > 0 ? methods.join(', ') : 'default keys in ~/.ssh';
}
