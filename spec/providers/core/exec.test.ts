// exec with real commands: checks, providers (no shell unless asked), path, environment, cwd,
// returns, tries, timeout, logoutput.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../../src/providers/core/exec.js';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-exec-'));
});

const exec = (title: string, parameters: Declared['parameters'] = {}): Declared => ({ type: 'exec', title, parameters });

describe('exec', () => {
  it('splits command lines like a shell without running one', () => {
    expect(splitCommandLine(`/bin/echo 'a b' "c \\"d\\"" e\\ f $HOME`)).toEqual(['/bin/echo', 'a b', 'c "d"', 'e f', '$HOME']);
    expect(() => splitCommandLine("/bin/echo 'open")).toThrow("unterminated ' quote");
  });

  it('posix provider passes quoted shell syntax literally; shell provider interprets it', async () => {
    const { report } = await apply(
      catalogOf([
        exec('literal', { command: `/usr/bin/touch '${dir}/a;b'` }),
        exec('shell', { command: `echo $((6*7)) > ${dir}/answer`, provider: 'shell' }),
      ]),
    );
    expect(report.metrics.resources.failed).toBe(0);
    expect(existsSync(join(dir, 'a;b'))).toBe(true);
    expect(readFileSync(join(dir, 'answer'), 'utf8')).toBe('42\n');
  });

  it('unquoted shell syntax without provider => shell is an error before anything runs', async () => {
    await expect(apply(catalogOf([exec('first', { command: `/usr/bin/touch ${dir}/first` }), exec('redirect', { command: `/bin/echo hi > ${dir}/out` })]))).rejects.toThrow(
      `command '/bin/echo hi > ${dir}/out' uses shell syntax (>) but the posix provider runs commands without a shell: quote it, or set provider => shell`,
    );
    await expect(apply(catalogOf([exec('/bin/true', { unless: '/usr/bin/test -f /x || /bin/false' })]))).rejects.toThrow("unless '/usr/bin/test -f /x || /bin/false' uses shell syntax (|)");
    expect(existsSync(join(dir, 'first'))).toBe(false);
  });

  it('creates, onlyif and unless decide whether it runs; a second run changes nothing', async () => {
    const catalog = catalogOf([
      exec('make', { command: `/usr/bin/touch ${dir}/made`, creates: `${dir}/made` }),
      exec('only', { command: `/usr/bin/touch ${dir}/only`, onlyif: `/usr/bin/test -e ${dir}/made`, unless: `/usr/bin/test -e ${dir}/only` }),
      exec('never', { command: `/usr/bin/touch ${dir}/never`, onlyif: '/bin/false' }),
    ]);
    const first = await apply(catalog);
    expect(first.report.metrics.changes.total).toBe(2);
    expect(existsSync(join(dir, 'only'))).toBe(true);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const second = await apply(catalog);
    expect(second.report.metrics.changes.total).toBe(0);
  });

  it('resolves unqualified commands through path and requires path for them', async () => {
    await apply(catalogOf([exec('touch', { command: `touch ${dir}/via-path`, path: ['/usr/local/bin', '/usr/bin:/bin'] })]));
    expect(existsSync(join(dir, 'via-path'))).toBe(true);
    await expect(apply(catalogOf([exec('touch nothing')]))).rejects.toThrow(
      "'touch nothing' is not qualified and no path was specified. Please qualify the command or specify a path.",
    );
    const missing = await apply(catalogOf([exec('no-such-command-here', { path: '/usr/bin' })]));
    expect(missing.lines.some((l) => l.includes("Could not find command 'no-such-command-here'"))).toBe(true);
  });

  it('environment, cwd and returns', async () => {
    const { report } = await apply(
      catalogOf([
        exec('env', { command: '/bin/sh -c "echo $GREETING > out"', environment: ['GREETING=hello world'], cwd: dir }),
        exec('exit3', { command: '/bin/sh -c "exit 3"', returns: [0, 3] }),
      ]),
    );
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('hello world\n');
    expect(report.metrics.resources.failed).toBe(0);
  });

  it('logs output on failure and retries with tries', async () => {
    writeFileSync(join(dir, 'count'), '');
    const script = `echo try >> ${dir}/count; echo "oops on stdout"; [ $(wc -l < ${dir}/count) -ge 3 ]`;
    const { report } = await apply(catalogOf([exec('flaky', { command: script, provider: 'shell', tries: 3 })]));
    expect(report.metrics.resources.failed).toBe(0);
    expect(readFileSync(join(dir, 'count'), 'utf8').trim().split('\n')).toHaveLength(3);
    const failing = await apply(catalogOf([exec('fails', { command: 'echo "broken thing"; exit 2', provider: 'shell' })]));
    expect(failing.lines).toContain('Error: /Stage[main]/Main/Exec[fails]/returns: broken thing');
    expect(failing.lines.some((l) => l.includes("returned 2 instead of one of [0]"))).toBe(true);
  });

  it('fails a command that exceeds its timeout', async () => {
    const { report, lines } = await apply(catalogOf([exec('/bin/sleep 5', { timeout: 1 })]));
    expect(report.metrics.resources.failed).toBe(1);
    expect(lines.some((l) => l.includes('Command exceeded timeout'))).toBe(true);
  });

  it('a notified exec that is not refreshonly runs again on refresh (as Puppet)', async () => {
    const catalog = catalogOf([
      exec('first', { command: `/bin/sh -c "echo x >> ${dir}/first"` }),
      exec('second', { command: `/bin/sh -c "echo y >> ${dir}/second"`, subscribe: 'Exec[first]' }),
    ]);
    await apply(catalog);
    expect(readFileSync(join(dir, 'second'), 'utf8')).toBe('y\ny\n');
  });

  it('several execs may run the same command (exec is not isomorphic)', async () => {
    const { report } = await apply(catalogOf([exec('one', { command: '/bin/true' }), exec('two', { command: '/bin/true' })]));
    expect(report.metrics.changes.total).toBe(2);
  });

  it('an array command is run as it is, without a shell', async () => {
    await apply(catalogOf([exec('array', { command: ['/usr/bin/touch', `${dir}/with space;and semicolon`] })]));
    expect(existsSync(join(dir, 'with space;and semicolon'))).toBe(true);
  });

  it('a missing cwd or command fails with Puppet wording', async () => {
    const { lines } = await apply(catalogOf([exec('in nowhere', { command: '/bin/true', cwd: `${dir}/nope` }), exec(`${dir}/no-such-cmd`)]));
    expect(lines).toContain(`Error: /Stage[main]/Main/Exec[in nowhere]/returns: change from 'notrun' to ['0'] failed: Working directory ${dir}/nope does not exist!`);
    expect(lines).toContain(`Error: /Stage[main]/Main/Exec[${dir}/no-such-cmd]/returns: change from 'notrun' to ['0'] failed: Could not find command '${dir}/no-such-cmd'`);
  });

  it('a long command shows what is awaited, elapsed and timeout', async () => {
    const { lines } = await apply(catalogOf([exec('/bin/sleep 6.5', { timeout: 30 })]));
    expect(lines).toContain("Notice: /Stage[main]/Main/Exec[/bin/sleep 6.5]: waiting for '/bin/sleep 6.5' (5s of 30s)");
    expect(lines.filter((l) => l.includes('waiting for'))).toHaveLength(1);
  }, 20_000);

  it.skipIf(process.getuid?.() !== 0)('runs as another user and group (root only)', async () => {
    chmodSync(dir, 0o777); // nobody writes its answer here
    await apply(catalogOf([exec('as nobody', { command: `/bin/sh -c "id -un > ${dir}/who; id -gn >> ${dir}/who"`, user: 'nobody', group: 'nogroup', cwd: '/' })]));
    expect(readFileSync(join(dir, 'who'), 'utf8')).toBe('nobody\nnogroup\n');
  });
});
