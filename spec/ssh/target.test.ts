import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseTargetsFile, parseTargetUrl } from '../../src/backends/ssh/target.js';
import { PapplyError } from '../../src/errors.js';

describe('parseTargetUrl', () => {
  it('reads user, host and port', () => {
    expect(parseTargetUrl('ssh://admin@db-1:2222')).toEqual({ user: 'admin', host: 'db-1', port: 2222, label: 'db-1:2222' });
    expect(parseTargetUrl('ssh://root@10.0.0.1')).toEqual({ user: 'root', host: '10.0.0.1', port: 22, label: '10.0.0.1' });
    expect(parseTargetUrl('ssh://root@[fd00::1]:22')).toMatchObject({ host: 'fd00::1', port: 22 });
  });

  it('defaults the user to the local one and accepts user@host without scheme', () => {
    expect(parseTargetUrl('db-1').user).toBe(userInfo().username);
    expect(parseTargetUrl('ops@db-1')).toMatchObject({ user: 'ops', host: 'db-1' });
  });

  it('refuses other schemes, passwords and paths', () => {
    expect(() => parseTargetUrl('http://db-1')).toThrow(/only ssh:\/\//);
    expect(() => parseTargetUrl('ssh://u:secret@db-1')).toThrow(/passwords are not accepted/);
    expect(() => parseTargetUrl('ssh://db-1/etc')).toThrow(/unexpected path/);
    expect(() => parseTargetUrl('ssh://db-1:99999')).toThrow(/invalid target/);
  });
});

describe('parseTargetsFile', () => {
  it('reads one target per line with optional serial groups, skipping comments', () => {
    const targets = parseTargetsFile('# controllers\nssh://root@db-1 group=galera\n\nssh://root@db-2  group=galera # second\nssh://root@web-1\n', 'nodes.txt');
    expect(targets.map((target) => [target.host, target.group])).toEqual([
      ['db-1', 'galera'],
      ['db-2', 'galera'],
      ['web-1', undefined],
    ]);
  });

  it('points at the line of a bad entry', () => {
    let error: unknown;
    try {
      parseTargetsFile('ssh://root@db-1\nssh://root@db-2 role=x\n', 'nodes.txt');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PapplyError);
    expect((error as PapplyError).describe()).toBe('nodes.txt:2:1: unknown target setting "role=x" (expected group=NAME)');
  });
});

describe('resolveTargets', () => {
  it('puts the nodes named by --serial-group into one group', async () => {
    const { resolveTargets } = await import('../../src/remote/remote-apply.js');
    const targets = await resolveTargets({ target: ['ssh://root@db-1', 'ssh://root@db-2:2222', 'ssh://root@web-1'], serialGroup: ['db-1,db-2:2222'] });
    expect(targets.map((target) => target.group)).toEqual(['serial-1', 'serial-1', undefined]);
  });

  it('refuses unknown group members and duplicate targets', async () => {
    const { resolveTargets } = await import('../../src/remote/remote-apply.js');
    await expect(resolveTargets({ target: ['ssh://root@db-1'], serialGroup: ['db-9'] })).rejects.toThrow('--serial-group names db-9, which is not a target');
    await expect(resolveTargets({ target: ['ssh://root@db-1', 'ssh://admin@db-1'] })).rejects.toThrow('target db-1 is given twice');
  });
});
