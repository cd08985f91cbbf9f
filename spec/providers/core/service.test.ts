// service through real init scripts (no systemd on these machines): start/stop/status/restart
// with the init and debian providers, enable via update-rc.d, and systemd reported unsuitable.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';

const isRoot = process.getuid?.() === 0;
const systemdRunning = existsSync('/run/systemd/system');
let dir: string;

/** A systemd-less service: a background sleep whose pid lives in `dir/<name>.pid`; logs actions. */
function initScript(directory: string, name: string): string {
  const script = join(directory, name);
  writeFileSync(
    script,
    `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${name}
# Required-Start:
# Required-Stop:
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: papply spec service
### END INIT INFO
PIDFILE=${directory}/${name}.pid
LOG=${directory}/${name}.log
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
case "$1" in
  start) running || { setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > "$PIDFILE"; }; echo start >> "$LOG" ;;
  stop) running && kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; echo stop >> "$LOG" ;;
  restart) "$0" stop; "$0" start; echo restart >> "$LOG" ;;
  status) running ;;
  *) exit 2 ;;
esac
`,
  );
  chmodSync(script, 0o755);
  return script;
}

function actions(name: string): string[] {
  const log = join(dir, `${name}.log`);
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
}

const service = (name: string, parameters: Declared['parameters']): Declared => ({ type: 'service', title: name, parameters: { path: dir, ...parameters } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-svc-'));
});

describe('service', () => {
  it('starts a stopped service, is idempotent, and stops it', async () => {
    initScript(dir, 'specd');
    const first = await apply(catalogOf([service('specd', { ensure: 'running', provider: 'init' })]));
    expect(first.lines).toContain("Notice: /Stage[main]/Main/Service[specd]/ensure: ensure changed 'stopped' to 'running'");
    expect(execFileSync(join(dir, 'specd'), ['status']).length).toBe(0); // exit 0 = running
    const second = await apply(catalogOf([service('specd', { ensure: 'running', provider: 'init' })]));
    expect(second.report.metrics.changes.total).toBe(0);
    await apply(catalogOf([service('specd', { ensure: 'stopped', provider: 'init' })]));
    expect(actions('specd')).toEqual(['start', 'stop']);
  });

  it('restarts a running service on refresh (hasrestart), not a stopped one', async () => {
    initScript(dir, 'webd');
    initScript(dir, 'idled');
    const catalog = catalogOf([
      { type: 'file', title: `${dir}/webd.conf`, parameters: { content: 'v1' } },
      service('webd', { ensure: 'running', hasrestart: true, subscribe: `File[${dir}/webd.conf]`, provider: 'init' }),
      service('idled', { ensure: 'stopped', subscribe: `File[${dir}/webd.conf]`, provider: 'init' }),
    ]);
    const { lines } = await apply(catalog);
    expect(lines).toContain("Notice: /Stage[main]/Main/Service[webd]: Triggered 'refresh' from 1 event");
    expect(actions('webd')).toEqual(['start', 'stop', 'start', 'restart']);
    expect(actions('idled')).toEqual([]);
    execFileSync(join(dir, 'webd'), ['stop']);
  });

  it('a failing start fails the resource with the command', async () => {
    const script = join(dir, 'brokend');
    writeFileSync(script, '#!/bin/sh\n[ "$1" = status ] && exit 3\necho "cannot bind port" >&2\nexit 1\n');
    chmodSync(script, 0o755);
    const { report, lines } = await apply(catalogOf([service('brokend', { ensure: 'running', provider: 'init' })]));
    expect(report.metrics.resources.failed).toBe(1);
    expect(lines.some((l) => l.includes(`${script} start`) && l.includes('cannot bind port'))).toBe(true);
  });

  it('an unknown service script is a clear error', async () => {
    const { lines } = await apply(catalogOf([service('nosuchd', { ensure: 'running', provider: 'init' })]));
    expect(lines.some((l) => l.includes("Could not find init script for 'nosuchd'"))).toBe(true);
  });

  it.skipIf(systemdRunning)('systemd is unsuitable here and says why, before anything changes', async () => {
    initScript(dir, 'otherd');
    await expect(
      apply(catalogOf([service('otherd', { ensure: 'running', provider: 'init' }), service('sysd', { ensure: 'running', provider: 'systemd' })])),
    ).rejects.toThrow('Service[sysd]: Provider systemd is not functional on this host: systemd is not the running init (no /run/systemd/system)');
    expect(actions('otherd')).toEqual([]);
  });

  it('the init provider cannot enable; the default on Debian is the debian provider', async () => {
    await expect(apply(catalogOf([service('x', { enable: true, provider: 'init' })]))).rejects.toThrow(
      "Service[x]: Provider init must have features 'enableable' to set 'enable'",
    );
    initScript(dir, 'defaultd');
    const { report } = await apply(catalogOf([service('defaultd', { ensure: 'running' })]));
    expect(report.resource_statuses['Service[defaultd]']!.provider).toBe(systemdRunning ? 'systemd' : 'debian');
    execFileSync(join(dir, 'defaultd'), ['stop']);
  });

  it.skipIf(!isRoot)('enables with update-rc.d (debian provider, script in /etc/init.d; root only)', async () => {
    const name = `papply-spec-${process.pid}`;
    initScript('/etc/init.d', name);
    try {
      const first = await apply(catalogOf([{ type: 'service', title: name, parameters: { enable: true, provider: 'debian' } }]));
      expect(first.lines).toContain(`Notice: /Stage[main]/Main/Service[${name}]/enable: enable changed 'false' to 'true'`);
      expect(execFileSync('find', ['/etc/rc2.d', '-name', `S*${name}`]).toString()).toContain(name);
      const second = await apply(catalogOf([{ type: 'service', title: name, parameters: { enable: true, provider: 'debian' } }]));
      expect(second.report.metrics.changes.total).toBe(0);
      await apply(catalogOf([{ type: 'service', title: name, parameters: { enable: false, provider: 'debian' } }]));
      expect(execFileSync('find', ['/etc/rc2.d', '-name', `S*${name}`]).toString()).toBe('');
    } finally {
      execFileSync('update-rc.d', ['-f', name, 'remove']);
      rmSync(`/etc/init.d/${name}`, { force: true });
    }
  });

  it('without a status command (hasstatus => false) looks for the process by pattern', async () => {
    const seconds = String(86_000 + Math.floor(Math.random() * 1000));
    const script = join(dir, 'patternd');
    writeFileSync(script, `#!/bin/sh\ncase "$1" in\n  start) setsid sleep ${seconds} </dev/null >/dev/null 2>&1 & ;;\n  stop) pkill -f "sleep ${seconds}" ;;\n  status) exit 4 ;;\nesac\n`);
    chmodSync(script, 0o755);
    const declared = service('patternd', { ensure: 'running', hasstatus: false, pattern: `sleep ${seconds}`, provider: 'init' });
    const first = await apply(catalogOf([declared]));
    expect(first.report.metrics.changes.total).toBe(1);
    const second = await apply(catalogOf([declared]));
    expect(second.report.metrics.changes.total).toBe(0);
    await apply(catalogOf([service('patternd', { ensure: 'stopped', hasstatus: false, pattern: `sleep ${seconds}`, provider: 'init' })]));
    const third = await apply(catalogOf([service('patternd', { ensure: 'stopped', hasstatus: false, pattern: `sleep ${seconds}`, provider: 'init' })]));
    expect(third.report.metrics.changes.total).toBe(0);
  });
});
