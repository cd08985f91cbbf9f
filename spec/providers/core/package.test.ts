// package with locally built .deb files through the real dpkg and apt-get (no network):
// install, idempotence, upgrade to a version, remove, purge. Root only (dpkg database).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, catalogOf } from '../../engine/helpers.js';

const isRoot = process.getuid?.() === 0;
const name = 'papply-spec-hello';
let dir: string;

function buildDeb(version: string): string {
  const root = join(dir, `${name}-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr/share', name), { recursive: true });
  writeFileSync(
    join(root, 'DEBIAN/control'),
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: papply specs <specs@example.org>\nDescription: papply spec package\n`,
  );
  writeFileSync(join(root, 'usr/share', name, 'hello'), `hello ${version}\n`);
  const deb = join(dir, `${name}_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', root, deb], { stdio: 'ignore' });
  return deb;
}

function status(): string {
  try {
    return execFileSync('dpkg-query', ['-W', '--showformat', '${Status} ${Version}', name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch {
    return 'unknown';
  }
}

describe.skipIf(!isRoot)('package (dpkg and apt with local .deb files)', () => {
  let v1: string;
  let v2: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'papply-pkg-'));
    v1 = buildDeb('1.0');
    v2 = buildDeb('2.0');
    execFileSync('dpkg', ['--purge', name], { stdio: 'ignore' });
  });
  afterAll(() => {
    execFileSync('dpkg', ['--purge', name], { stdio: 'ignore' });
  });

  it('dpkg: installs from source, then nothing to do, upgrades to a version, removes and purges', async () => {
    const install = await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: 'installed', provider: 'dpkg', source: v1 } }]));
    expect(install.lines).toContain(`Notice: /Stage[main]/Main/Package[${name}]/ensure: created`);
    expect(status()).toBe('install ok installed 1.0');
    const again = await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: 'present', provider: 'dpkg', source: v1 } }]));
    expect(again.report.metrics.changes.total).toBe(0);

    const upgrade = await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: '2.0', provider: 'dpkg', source: v2 } }]));
    expect(upgrade.lines).toContain(`Notice: /Stage[main]/Main/Package[${name}]/ensure: ensure changed '1.0' to '2.0'`);
    expect(status()).toBe('install ok installed 2.0');
    const latest = await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: 'latest', provider: 'dpkg', source: v2 } }]));
    expect(latest.report.metrics.changes.total).toBe(0);

    const removed = await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: 'absent', provider: 'dpkg' } }]));
    expect(removed.lines).toContain(`Notice: /Stage[main]/Main/Package[${name}]/ensure: removed`);
    expect(status()).toMatch(/^(deinstall ok config-files|unknown|install ok not-installed)/);
    await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: 'purged', provider: 'dpkg' } }]));
    expect(status()).toMatch(/^(unknown|unknown ok not-installed|deinstall ok not-installed)/);
  });

  it('dpkg without a source fails the resource with a clear message', async () => {
    const { lines, report } = await apply(catalogOf([{ type: 'package', title: name, parameters: { provider: 'dpkg' } }]));
    expect(report.metrics.resources.failed).toBe(1);
    expect(lines.some((l) => l.includes('you must specify a source'))).toBe(true);
  });

  it('apt (the default on Debian) installs a local .deb and removes it', async () => {
    const { report } = await apply(catalogOf([{ type: 'package', title: name, parameters: { source: v1 } }]));
    expect(report.resource_statuses[`Package[${name}]`]!.provider).toBe('apt');
    expect(report.metrics.resources.failed).toBe(0);
    expect(status()).toBe('install ok installed 1.0');
    await apply(catalogOf([{ type: 'package', title: name, parameters: { ensure: 'absent' } }]));
    expect(status()).not.toContain('install ok installed');
  });

  it('noop reports the install without doing it', async () => {
    execFileSync('dpkg', ['--purge', name], { stdio: 'ignore' });
    const { lines } = await apply(catalogOf([{ type: 'package', title: name, parameters: { provider: 'dpkg', source: v1 } }]), { noop: true });
    expect(lines).toContain(`Notice: /Stage[main]/Main/Package[${name}]/ensure: current_value 'purged', should be 'installed' (noop)`);
    expect(status()).not.toContain('install ok installed');
  });
});
