// file against the real filesystem in a temporary directory.
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync, statSync, lstatSync, readlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../../src/engine/report.js';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-file-'));
});

const file = (path: string, parameters: Declared['parameters'] = {}): Declared => ({ type: 'file', title: path, parameters });
const isRoot = process.getuid?.() === 0;

describe('file', () => {
  it('creates a directory, a file with content and mode, and a link; a second run changes nothing', async () => {
    const catalog = catalogOf([
      file(`${dir}/etc`, { ensure: 'directory', mode: '0750' }),
      file(`${dir}/etc/app.conf`, { content: 'key = value\n', mode: '0640' }),
      file(`${dir}/etc/current`, { ensure: 'link', target: `${dir}/etc/app.conf` }),
    ]);
    const first = await apply(catalog);
    expect(statSync(`${dir}/etc`).mode & 0o7777).toBe(0o750);
    expect(readFileSync(`${dir}/etc/app.conf`, 'utf8')).toBe('key = value\n');
    expect(statSync(`${dir}/etc/app.conf`).mode & 0o7777).toBe(0o640);
    expect(readlinkSync(`${dir}/etc/current`)).toBe(`${dir}/etc/app.conf`);
    expect(first.lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/etc]/ensure: created`);
    const sum = createHash('sha256').update('key = value\n').digest('hex');
    expect(first.lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/etc/app.conf]/ensure: defined content as '{sha256}${sum}'`);
    const second = await apply(catalog);
    expect(second.report.metrics.changes.total).toBe(0);
    expect(exitCodeOf(second.report, true)).toBe(0);
  });

  it('reports content and mode changes like Puppet and backs up replaced content with a suffix', async () => {
    writeFileSync(`${dir}/motd`, 'old\n');
    chmodSync(`${dir}/motd`, 0o644);
    const { lines, report } = await apply(catalogOf([file(`${dir}/motd`, { content: 'new\n', mode: '0600', backup: '.orig' })]));
    expect(readFileSync(`${dir}/motd`, 'utf8')).toBe('new\n');
    expect(readFileSync(`${dir}/motd.orig`, 'utf8')).toBe('old\n');
    expect(lines.some((l) => /^Notice: \/Stage\[main\]\/Main\/File\[.*\/motd\]\/content: content changed '\{sha256\}[0-9a-f]{64}' to '\{sha256\}[0-9a-f]{64}'$/.test(l))).toBe(true);
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/motd]/mode: mode changed '0644' to '0600'`);
    expect(report.metrics.changes.total).toBe(2);
  });

  it('backs up to a client bucket by name', async () => {
    writeFileSync(`${dir}/conf`, 'before\n');
    await apply(catalogOf([file(`${dir}/conf`, { content: 'after\n', backup: 'puppet' })]), { options: { clientbucketDir: `${dir}/bucket` } });
    const { execFileSync } = await import('node:child_process');
    const found = execFileSync('find', [`${dir}/bucket`, '-name', 'contents']).toString().trim();
    expect(readFileSync(found, 'utf8')).toBe('before\n');
  });

  it('noop shows the diff with --show-diff and changes nothing', async () => {
    writeFileSync(`${dir}/app`, 'a\nb\nc\n');
    const { lines } = await apply(catalogOf([file(`${dir}/app`, { content: 'a\nB\nc\n' })]), { noop: true, options: { showDiff: true } });
    expect(readFileSync(`${dir}/app`, 'utf8')).toBe('a\nb\nc\n');
    const diff = lines.find((l) => l.includes('@@'))!;
    expect(diff).toContain('@@ -1,3 +1,3 @@\n a\n-b\n+B\n c');
    expect(lines.some((l) => /content: current_value '\{sha256\}[0-9a-f]+', should be '\{sha256\}[0-9a-f]+' \(noop\)$/.test(l))).toBe(true);
  });

  it('takes content from a module files/ directory via puppet:/// and from a local path', async () => {
    mkdirSync(`${dir}/modules/site/files/etc`, { recursive: true });
    writeFileSync(`${dir}/modules/site/files/etc/banner`, 'from the module\n');
    writeFileSync(`${dir}/local-source`, 'from a path\n');
    const catalog = catalogOf([
      file(`${dir}/banner`, { source: 'puppet:///modules/site/etc/banner' }),
      file(`${dir}/copy`, { source: `${dir}/local-source` }),
    ]);
    await apply(catalog, { modulepath: [`${dir}/modules`] });
    expect(readFileSync(`${dir}/banner`, 'utf8')).toBe('from the module\n');
    expect(readFileSync(`${dir}/copy`, 'utf8')).toBe('from a path\n');
    const again = await apply(catalog, { modulepath: [`${dir}/modules`] });
    expect(again.report.metrics.changes.total).toBe(0);
  });

  it('a missing source fails the resource with the source named', async () => {
    const { lines, report } = await apply(catalogOf([file(`${dir}/x`, { source: 'puppet:///modules/nope/x' })]), { modulepath: [dir] });
    expect(report.metrics.resources.failed).toBe(1);
    expect(lines.some((l) => l.includes('puppet:///modules/nope/x'))).toBe(true);
    expect(existsSync(`${dir}/x`)).toBe(false);
  });

  it('symbolic modes and directory search bits', async () => {
    writeFileSync(`${dir}/script`, '#!/bin/sh\n');
    chmodSync(`${dir}/script`, 0o600);
    await apply(catalogOf([file(`${dir}/script`, { mode: 'u+x,go=r' }), file(`${dir}/d`, { ensure: 'directory', mode: '0644' })]));
    expect(statSync(`${dir}/script`).mode & 0o7777).toBe(0o744);
    expect(statSync(`${dir}/d`).mode & 0o7777).toBe(0o755);
    const again = await apply(catalogOf([file(`${dir}/script`, { mode: 'u+x,go=r' }), file(`${dir}/d`, { ensure: 'directory', mode: '0644' })]));
    expect(again.report.metrics.changes.total).toBe(0);
  });

  it('removes files; directories only with force; replaces a file with a link', async () => {
    writeFileSync(`${dir}/gone`, 'x');
    mkdirSync(`${dir}/dir`);
    writeFileSync(`${dir}/was-file`, 'x');
    const { report } = await apply(
      catalogOf([
        file(`${dir}/gone`, { ensure: 'absent' }),
        file(`${dir}/dir`, { ensure: 'absent' }),
        file(`${dir}/was-file`, { ensure: 'link', target: '/etc/hostname' }),
      ]),
    );
    expect(existsSync(`${dir}/gone`)).toBe(false);
    expect(existsSync(`${dir}/dir`)).toBe(true);
    expect(report.resource_statuses[`File[${dir}/dir]`]!.failed).toBe(true);
    expect(lstatSync(`${dir}/was-file`).isSymbolicLink()).toBe(true);
    await apply(catalogOf([file(`${dir}/dir`, { ensure: 'absent', force: true })]));
    expect(existsSync(`${dir}/dir`)).toBe(false);
  });

  it.skipIf(!isRoot)('sets owner and group by name (root only)', async () => {
    writeFileSync(`${dir}/owned`, 'x');
    const { lines } = await apply(catalogOf([file(`${dir}/owned`, { owner: 'nobody', group: 'nogroup' })]));
    const stat = statSync(`${dir}/owned`);
    expect(stat.uid).toBe(65534);
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/owned]/owner: owner changed 'root' to 'nobody'`);
    const numeric = await apply(catalogOf([file(`${dir}/owned`, { owner: '65534', group: 'nogroup' })]));
    expect(numeric.report.metrics.changes.total).toBe(0);
    const unknown = await apply(catalogOf([file(`${dir}/owned`, { owner: 'no-such-user-here' })]));
    expect(unknown.lines.some((l) => l.includes('Could not find user no-such-user-here'))).toBe(true);
  });

  it('without ensure, a missing file is left alone (nothing to manage)', async () => {
    const { report } = await apply(catalogOf([file(`${dir}/missing`, { mode: '0600' })]));
    expect(report.metrics.resources.failed).toBe(0);
    expect(report.metrics.changes.total).toBe(0);
    expect(existsSync(`${dir}/missing`)).toBe(false);
  });

  it('a missing parent directory fails the file as Puppet says it', async () => {
    const { lines } = await apply(catalogOf([file(`${dir}/nodir/a`, { content: 'x' })]));
    expect(lines).toContain(
      `Error: /Stage[main]/Main/File[${dir}/nodir/a]/ensure: change from 'absent' to 'file' failed: Could not set 'file' on ensure: No such file or directory - A directory component in ${dir}/nodir/a does not exist or is a dangling symbolic link`,
    );
  });

  it('autorequires its parent directory even when declared later', async () => {
    const { report } = await apply(catalogOf([file(`${dir}/p/child`, { content: 'x' }), file(`${dir}/p`, { ensure: 'directory' })]));
    expect(report.metrics.resources.failed).toBe(0);
    expect(readFileSync(`${dir}/p/child`, 'utf8')).toBe('x');
  });

  it('rejects relative paths and invalid ensure values with Puppet wording', async () => {
    await expect(apply(catalogOf([file('relative/path')]))).rejects.toThrow("File paths must be fully qualified, not 'relative/path'");
    await expect(apply(catalogOf([file(`${dir}/x`, { ensure: 'fifo' })]))).rejects.toThrow(
      'Invalid value "fifo". Valid values are present, absent, file, directory, link. Valid values match /^\\//.',
    );
  });
});

describe('file with sensitive content', () => {
  it('never shows the content or its checksum', async () => {
    const secretDir = mkdtempSync(join(tmpdir(), 'papply-secret-'));
    writeFileSync(`${secretDir}/secret`, 'old password\n');
    const catalog = catalogOf([file(`${secretDir}/secret`, { content: 'new password\n' })]);
    catalog.resources.at(-1)!.sensitive_parameters = ['content'];
    const { lines, report } = await apply(catalog, { options: { showDiff: true } });
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${secretDir}/secret]/content: changed [redacted] to [redacted]`);
    expect(lines.join('\n')).not.toContain('password');
    expect(JSON.stringify(report)).not.toContain('password');
    expect(readFileSync(`${secretDir}/secret`, 'utf8')).toBe('new password\n');
  });
});
