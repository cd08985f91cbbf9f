// known_hosts parsing and matching, checked against files and fingerprints made by OpenSSH's own
// ssh-keygen (hashing with -H, fingerprints with -l).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintSha256,
  keyTypeOf,
  knownHostsName,
  parseKnownHosts,
  preferredHostKeyAlgorithms,
} from '../../src/backends/ssh/known-hosts.js';
import { generateKey, type KeyPair } from '../support/sshd.js';

let dir: string;
let ed25519: KeyPair;
let ecdsa: KeyPair;

const blobOf = (key: KeyPair) => Buffer.from(key.publicKeyLine.split(' ')[1], 'base64');
const keyFields = (key: KeyPair) => key.publicKeyLine.split(' ').slice(0, 2).join(' ');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-known-hosts-'));
  ed25519 = generateKey(join(dir, 'ed25519'), 'ed25519');
  ecdsa = generateKey(join(dir, 'ecdsa'), 'ecdsa');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fingerprints', () => {
  it('prints SHA256 fingerprints exactly as ssh-keygen -l does', () => {
    for (const key of [ed25519, ecdsa]) {
      const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key.privateKeyFile}.pub`], { encoding: 'utf8' });
      expect(printed.split(' ')[1]).toBe(fingerprintSha256(blobOf(key)));
    }
  });

  it('reads the key type inside the blob', () => {
    expect(keyTypeOf(blobOf(ed25519))).toBe('ssh-ed25519');
    expect(keyTypeOf(blobOf(ecdsa))).toBe('ecdsa-sha2-nistp256');
  });
});

describe('matching hosts', () => {
  it('uses [host]:port for ports other than 22', () => {
    expect(knownHostsName('db-1', 22)).toBe('db-1');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });

  it('matches plain names, comma lists, wildcards and negations', () => {
    const entries = parseKnownHosts(
      [
        '# a comment',
        `db-1,10.0.0.1 ${keyFields(ed25519)}`,
        `web-* ${keyFields(ecdsa)}`,
        `*.example.org,!evil.example.org ${keyFields(ed25519)}`,
        `[10.0.0.5]:2222 ${keyFields(ecdsa)}`,
      ].join('\n'),
      'hosts',
    );
    expect(checkHostKey(entries, 'db-1', blobOf(ed25519)).status).toBe('known');
    expect(checkHostKey(entries, '10.0.0.1', blobOf(ed25519)).status).toBe('known');
    expect(checkHostKey(entries, 'web-7', blobOf(ecdsa)).status).toBe('known');
    expect(checkHostKey(entries, 'a.example.org', blobOf(ed25519)).status).toBe('known');
    expect(checkHostKey(entries, 'evil.example.org', blobOf(ed25519)).status).toBe('unknown');
    expect(checkHostKey(entries, '[10.0.0.5]:2222', blobOf(ecdsa)).status).toBe('known');
    expect(checkHostKey(entries, '10.0.0.5', blobOf(ecdsa)).status).toBe('unknown'); // port 22 is another entry
    expect(checkHostKey(entries, 'other', blobOf(ed25519)).status).toBe('unknown');
  });

  it('reports a host known with another key as changed, with the known line', () => {
    const entries = parseKnownHosts(`db-1 ${keyFields(ed25519)}\n`, 'hosts');
    const verdict = checkHostKey(entries, 'db-1', blobOf(ecdsa));
    expect(verdict.status).toBe('changed');
    expect(verdict.status === 'changed' && verdict.known.map((entry) => `${entry.file}:${entry.line}`)).toEqual(['hosts:1']);
  });

  it('refuses keys marked @revoked, wherever they appear', () => {
    const entries = parseKnownHosts(`db-1 ${keyFields(ed25519)}\n@revoked * ${keyFields(ed25519)}\n`, 'hosts');
    expect(checkHostKey(entries, 'db-1', blobOf(ed25519)).status).toBe('revoked');
  });

  it('matches names hashed by ssh-keygen -H', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `db-1 ${keyFields(ed25519)}\n[10.0.0.5]:2222 ${keyFields(ecdsa)}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'pipe' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('db-1'); // really hashed
    const entries = parseKnownHosts(text, file);
    expect(checkHostKey(entries, 'db-1', blobOf(ed25519)).status).toBe('known');
    expect(checkHostKey(entries, '[10.0.0.5]:2222', blobOf(ecdsa)).status).toBe('known');
    expect(checkHostKey(entries, 'db-2', blobOf(ed25519)).status).toBe('unknown');
    expect(checkHostKey(entries, 'db-1', blobOf(ecdsa)).status).toBe('changed');
  });

  it('skips @cert-authority lines and garbage', () => {
    const entries = parseKnownHosts(`@cert-authority * ${keyFields(ed25519)}\nnot a key line\ndb-1 ssh-ed25519 Zm9v\n`, 'hosts');
    expect(entries).toEqual([]);
  });

  it('asks for the known key types first', () => {
    const entries = parseKnownHosts(`db-1 ${keyFields(ecdsa)}\n`, 'hosts');
    const order = preferredHostKeyAlgorithms(entries, 'db-1', ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512']);
    expect(order).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519', 'rsa-sha2-512']);
  });
});

describe('appendKnownHost', () => {
  it('appends a line ssh-keygen -F finds, after a last line without newline', async () => {
    const file = join(dir, 'sub', 'known_hosts');
    await appendKnownHost(file, 'db-1', blobOf(ed25519));
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd()); // drop the final newline
    await appendKnownHost(file, '[10.0.0.5]:2222', blobOf(ecdsa));
    const found = execFileSync('ssh-keygen', ['-F', '[10.0.0.5]:2222', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(keyFields(ecdsa));
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries.map((entry) => entry.line)).toEqual([1, 2]);
  });
});
