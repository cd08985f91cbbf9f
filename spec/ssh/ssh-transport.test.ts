// SshTransport against a real OpenSSH server on loopback. The "remote" node is this machine, so
// the effects of every operation are checked with the local filesystem and process table.

import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteFileError } from '../../src/backends/ssh/errors.js';
import { SshTransport } from '../../src/backends/ssh/ssh-transport.js';
import { reportSkip, sshdSkipReason, SshdServer } from '../support/sshd.js';
import { HOSTILE_VALUES } from './hostile-values.js';

const skip = reportSkip(sshdSkipReason(), 'ssh transport');

describe.skipIf(skip)('SshTransport on a real sshd', () => {
  let server: SshdServer;
  let transport: SshTransport;
  let work: string;

  beforeAll(async () => {
    server = await SshdServer.start();
    const knownHostsFile = join(server.dir, 'known_hosts');
    writeFileSync(knownHostsFile, `${server.knownHostsLine()}\n`);
    transport = await SshTransport.connect(
      { user: server.user, host: server.host, port: server.port, label: 'node-a' },
      { identityFiles: [server.userKey.privateKeyFile], knownHostsFile, agent: false },
    );
    work = join(server.dir, 'work');
    mkdirSync(work);
  });

  afterAll(async () => {
    transport?.close();
    await server?.dispose();
  });

  describe('commands', () => {
    it('delivers hostile arguments verbatim through the login shell', async () => {
      const result = await transport.run('printf', ['%s\\0', ...HOSTILE_VALUES]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE_VALUES);
      expect(result.command).toEqual(['printf', '%s\\0', ...HOSTILE_VALUES]);
    });

    it('passes stdin, environment and working directory, and returns stderr and the exit code', async () => {
      const result = await transport.run('sh', ['-c', 'cat; printf "|%s|%s" "$PAPPLY_X" "$PWD"; echo oops >&2; exit 3'], {
        input: "line 1\n'quoted' $(stdin)\n",
        env: { PAPPLY_X: 'a b;$c' },
        cwd: work,
      });
      expect(result).toMatchObject({
        stdout: `line 1\n'quoted' $(stdin)\n|a b;$c|${work}`,
        stderr: 'oops\n',
        exitCode: 3,
        timedOut: false,
      });
    });

    it('reports an unknown command as exit 127, like a local shell', async () => {
      const result = await transport.run('papply-no-such-command', []);
      expect(result.exitCode).toBe(127);
    });

    it('kills a command on the node when it times out', async () => {
      const marker = `${900 + Math.floor(Math.random() * 99)}.123`;
      const result = await transport.run('sleep', [marker], { timeoutMs: 300 });
      expect(result).toMatchObject({ timedOut: true, exitCode: undefined });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(() => execFileSync('pgrep', ['-f', `sleep ${marker}`])).toThrow(); // pgrep: no such process
    });

    it('knows which commands exist on the node', async () => {
      expect(await transport.hasCommand('sh')).toBe(true);
      expect(await transport.hasCommand('papply-no-such-command')).toBe(false);
      expect(await transport.hasCommand('sh; true')).toBe(false);
    });
  });

  describe('files over sftp', () => {
    it('writes, reads and stats a file with its mode and owner', async () => {
      const path = join(work, "new file 'x'.conf");
      await transport.writeFileAtomic(path, 'key = value\n', { mode: 0o640, uid: 1, gid: 2 });
      expect(readFileSync(path, 'utf8')).toBe('key = value\n');
      const local = statSync(path);
      expect([local.mode & 0o7777, local.uid, local.gid]).toEqual([0o640, 1, 2]);
      expect(await transport.stat(path)).toEqual({ type: 'file', mode: 0o640, uid: 1, gid: 2, size: 12, linkTarget: undefined });
      expect((await transport.readFile(path))?.toString()).toBe('key = value\n');
    });

    it('replaces a file by rename: a new inode, no temporary file left behind', async () => {
      const path = join(work, 'replaced.cfg');
      writeFileSync(path, 'old content that is longer\n');
      const before = statSync(path).ino;
      await transport.writeFileAtomic(path, Buffer.from('new\n'));
      expect(readFileSync(path, 'utf8')).toBe('new\n');
      expect(statSync(path).ino).not.toBe(before);
      expect(readdirSync(work).filter((name) => name.includes('.papply-'))).toEqual([]);
    });

    it('fails clearly and leaves nothing when the directory does not exist', async () => {
      await expect(transport.writeFileAtomic(join(work, 'missing', 'f'), 'x')).rejects.toThrow(/node-a: write .*missing\/f: no such file/);
    });

    it('returns undefined for missing files', async () => {
      expect(await transport.readFile(join(work, 'absent'))).toBeUndefined();
      expect(await transport.stat(join(work, 'absent'))).toBeUndefined();
    });

    it('creates directories and links, and reports them with lstat semantics', async () => {
      const directory = join(work, 'dir');
      await transport.mkdir(directory, 0o750);
      expect(await transport.stat(directory)).toMatchObject({ type: 'directory', mode: 0o750 });
      await expect(transport.mkdir(directory)).rejects.toThrow(/mkdir .*: already exists/);
      const link = join(work, 'link');
      await transport.symlink('dir', link);
      expect(readlinkSync(link)).toBe('dir');
      expect(await transport.stat(link)).toMatchObject({ type: 'link', linkTarget: 'dir' });
    });

    it('changes modes, and owners of links themselves (lchown)', async () => {
      const file = join(work, 'owned');
      writeFileSync(file, 'x');
      await transport.chmod(file, 0o600);
      expect(statSync(file).mode & 0o7777).toBe(0o600);
      const link = join(work, 'owned-link');
      symlinkSync(file, link);
      await transport.chown(link, 3, 4);
      expect([lstatSync(link).uid, lstatSync(link).gid]).toEqual([3, 4]);
      expect(statSync(file).uid).toBe(0);
    });

    it('removes files, tolerates missing ones, and removes trees only when asked', async () => {
      const file = join(work, 'gone');
      writeFileSync(file, 'x');
      await transport.remove(file);
      expect(() => statSync(file)).toThrow();
      await transport.remove(file);
      const tree = join(work, 'tree');
      mkdirSync(join(tree, 'a', 'b'), { recursive: true });
      writeFileSync(join(tree, 'a', 'b', 'c'), 'x');
      await expect(transport.remove(tree)).rejects.toBeInstanceOf(RemoteFileError);
      await transport.remove(tree, { recursive: true });
      expect(() => statSync(tree)).toThrow();
    });
  });
});
