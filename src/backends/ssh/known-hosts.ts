// OpenSSH known_hosts files: which host keys this user trusts. Plain host patterns (with `*`, `?`
// and `!` negation), `[host]:port` for non-standard ports, hashed names (`|1|salt|hash`, HMAC-SHA1
// of the name), the `@revoked` marker. `@cert-authority` lines are skipped: papply does not do
// host certificates.

import { createHash, createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';

export interface KnownHostEntry {
  file: string;
  line: number;
  revoked: boolean;
  /** Comma-separated host patterns, or the salt and hash of a hashed name. */
  hosts: { patterns: string[] } | { salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
}

/** The name ssh looks up in known_hosts: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:<base64 without padding>` of the key blob, as `ssh-keygen -l` and ssh print it. */
export function fingerprintSha256(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written inside an SSH public key blob (its first string). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString('latin1');
}

/** ED25519, ECDSA, RSA: how ssh names a key type in its messages. */
export function keyTypeLabel(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-sha2-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  return keyType;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) return;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked') return;
      revoked = true;
      fields.shift();
    }
    const [hostField, keyType, keyBase64] = fields;
    if (!hostField || !keyType || !keyBase64) return;
    const key = Buffer.from(keyBase64, 'base64');
    if (keyTypeOf(key) !== keyType) return; // not a key line ssh would accept either
    let hosts: KnownHostEntry['hosts'];
    if (hostField.startsWith('|1|')) {
      const [, , salt, hash] = hostField.split('|');
      if (!salt || !hash) return;
      hosts = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
    } else {
      hosts = { patterns: hostField.split(',') };
    }
    entries.push({ file, line: index + 1, revoked, hosts, keyType, key });
  });
  return entries;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

/** Does this entry name `name` (already in `[host]:port` form when needed)? */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if ('salt' in entry.hosts) {
    const digest = createHmac('sha1', entry.hosts.salt).update(name).digest();
    return digest.equals(entry.hosts.hash);
  }
  let matched = false;
  for (const pattern of entry.hosts.patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false; // a negated match rules the line out
    } else if (wildcardMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'revoked'; entry: KnownHostEntry }
  /** The host is known with other keys: possibly a man-in-the-middle. Never accepted automatically. */
  | { status: 'changed'; known: KnownHostEntry[] };

export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: Buffer): HostKeyVerdict {
  const forHost = entries.filter((entry) => entryMatches(entry, name));
  const revoked = entries.find((entry) => entry.revoked && entry.key.equals(key));
  if (revoked) return { status: 'revoked', entry: revoked };
  const trusted = forHost.filter((entry) => !entry.revoked);
  const match = trusted.find((entry) => entry.key.equals(key));
  if (match) return { status: 'known', entry: match };
  if (trusted.length > 0) return { status: 'changed', known: trusted };
  return { status: 'unknown' };
}

const RSA_ALGORITHMS = ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/**
 * Host key algorithms to offer, known types first: like ssh, ask the server for a key type we can
 * check rather than one we have never seen.
 */
export function preferredHostKeyAlgorithms(entries: readonly KnownHostEntry[], name: string, defaults: readonly string[]): string[] {
  const knownTypes = entries.filter((entry) => !entry.revoked && entryMatches(entry, name)).map((entry) => entry.keyType);
  const preferred = knownTypes.flatMap((type) => (type === 'ssh-rsa' ? RSA_ALGORITHMS : [type]));
  return [...new Set([...preferred, ...defaults])];
}

export async function readKnownHostsFiles(files: readonly string[]): Promise<KnownHostEntry[]> {
  const entries: KnownHostEntry[] = [];
  for (const file of files) {
    try {
      entries.push(...parseKnownHosts(await fs.readFile(file, 'utf8'), file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return entries;
}

/** Appends `name type base64` to a known_hosts file (creating it and its directory, private). */
export async function appendKnownHost(file: string, name: string, key: Buffer): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const separator = (await endsWithoutNewline(file)) ? '\n' : '';
  // One append of one line: concurrent nodes accepting their keys do not interleave.
  await fs.appendFile(file, `${separator}${name} ${keyTypeOf(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
}

async function endsWithoutNewline(file: string): Promise<boolean> {
  try {
    const content = await fs.readFile(file);
    return content.length > 0 && content[content.length - 1] !== 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
