// file recurse and purge on a real directory tree, with the outcomes real Puppet 7 gives for the
// same manifests (checked with `puppet apply` on this machine): children become resources of
// their own (messages under their own path, statuses in the report), purge removes what the
// source and the catalog do not have, a change reaches the parent's subscribers as one event.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-recurse-'));
});

const file = (path: string, parameters: Declared['parameters'] = {}): Declared => ({ type: 'file', title: path, parameters });
const reload: Declared = { type: 'exec', title: 'reload', parameters: { command: '/bin/true', refreshonly: true } };
const modeOf = (path: string) => statSync(path).mode & 0o7777;
const sum = (text: string) => `{sha256}${createHash('sha256').update(text).digest('hex')}`;
const tree = (root: string) => readdirSync(root, { recursive: true }).map(String).sort();

function layout(files: Record<string, string>, directories: string[] = []): void {
  for (const directory of directories) mkdirSync(join(dir, directory), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

describe('file recurse', () => {
  it('copies a source tree, purges with force, keeps what the catalog manages, refreshes once; a second run changes nothing', async () => {
    layout({ 'src/a': 'a\n', 'src/sub/b': 'b\n', 'dst/stale': 'stale\n', 'dst/keep': 'keep\n', 'dst/old/x': 'x\n', 'dst/sub/b': 'different\n' });
    chmodSync(join(dir, 'dst/sub/b'), 0o600);
    const catalog = catalogOf([
      file(`${dir}/dst`, { ensure: 'directory', source: `${dir}/src`, recurse: true, purge: true, force: true, mode: '0640', notify: 'Exec[reload]' }),
      file(`${dir}/dst/keep`, { ensure: 'file' }),
      reload,
    ]);
    const first = await apply(catalog);
    expect(tree(join(dir, 'dst'))).toEqual(['a', 'keep', 'sub', 'sub/b']);
    expect(readFileSync(join(dir, 'dst/sub/b'), 'utf8')).toBe('b\n');
    expect(modeOf(join(dir, 'dst/a'))).toBe(0o640);
    expect(modeOf(join(dir, 'dst/sub'))).toBe(0o750);
    expect(modeOf(join(dir, 'dst/sub/b'))).toBe(0o640);
    const child = (path: string) => `/Stage[main]/Main/File[${dir}/dst/${path}]`;
    expect(first.lines.filter((line) => line.includes(`File[${dir}/dst/`))).toEqual([
      `Notice: ${child('a')}/ensure: defined content as '${sum('a\n')}'`,
      `Notice: ${child('old')}/ensure: removed`,
      `Notice: ${child('stale')}/ensure: removed`,
      `Notice: ${child('sub')}/mode: mode changed '0755' to '0750'`,
      `Notice: ${child('sub/b')}/content: content changed '${sum('different\n')}' to '${sum('b\n')}'`,
      `Notice: ${child('sub/b')}/mode: mode changed '0600' to '0640'`,
    ]);
    // A numeric mode on a directory is shown with its search bits, as Puppet shows it.
    expect(first.lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/dst]/mode: mode changed '0755' to '0750'`);
    expect(first.lines).toContain("Notice: /Stage[main]/Main/Exec[reload]: Triggered 'refresh' from 1 event");
    expect(first.report.resource_statuses[`File[${dir}/dst/stale]`]).toMatchObject({ changed: true, resource_type: 'File' });
    expect(first.report.resource_statuses[`File[${dir}/dst/keep]`]?.changed).toBe(false);

    const second = await apply(catalog);
    expect(second.report.metrics.changes.total).toBe(0);
    expect(second.lines.some((line) => line.includes('refresh'))).toBe(false);
  });

  it('without a source: manages the metadata of what is there, down to recurselimit, skipping ignored names', async () => {
    layout({ 'dst/top': 't\n', 'dst/sub/deep': 'd\n', 'dst/cache.swp': 's\n' });
    chmodSync(join(dir, 'dst/sub/deep'), 0o644);
    const { report } = await apply(catalogOf([file(`${dir}/dst`, { ensure: 'directory', recurse: true, recurselimit: 1, mode: '0600', ignore: ['*.swp'] })]));
    expect(modeOf(join(dir, 'dst'))).toBe(0o700);
    expect(modeOf(join(dir, 'dst/top'))).toBe(0o600);
    expect(modeOf(join(dir, 'dst/sub'))).toBe(0o700);
    expect(modeOf(join(dir, 'dst/sub/deep'))).toBe(0o644);
    expect(modeOf(join(dir, 'dst/cache.swp'))).not.toBe(0o600);
    expect(Object.keys(report.resource_statuses).filter((ref) => ref.startsWith('File[')).sort()).toEqual([`File[${dir}/dst/sub]`, `File[${dir}/dst/top]`, `File[${dir}/dst]`].sort());
  });

  it('purge without force keeps directories (with Puppet\'s notice) but empties them of unmanaged files', async () => {
    layout({ 'dst/olddir/x': 'x\n', 'dst/stale': 's\n', 'dst/sub/k': 'k\n' });
    const { lines } = await apply(catalogOf([
      file(`${dir}/dst`, { ensure: 'directory', recurse: true, purge: true }),
      file(`${dir}/dst/sub/k`, {}),
    ]));
    expect(tree(join(dir, 'dst'))).toEqual(['olddir', 'sub', 'sub/k']);
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/dst/olddir]: Not removing directory; use 'force' to override`);
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/dst/olddir/x]/ensure: removed`);
  });

  it('without ensure, a directory source makes a directory (recursive or not), as Puppet', async () => {
    layout({ 'src/a': 'a\n', 'src/sub/b': 'b\n' });
    const { report } = await apply(catalogOf([
      file(`${dir}/copy`, { source: `${dir}/src`, recurse: true }),
      file(`${dir}/top-only`, { source: `${dir}/src` }),
    ]));
    expect(report.metrics.resources.failed).toBe(0);
    expect(tree(join(dir, 'copy'))).toEqual(['a', 'sub', 'sub/b']);
    expect(statSync(join(dir, 'top-only')).isDirectory()).toBe(true);
    expect(readdirSync(join(dir, 'top-only'))).toEqual([]);
  });

  it('noop says what would change and changes nothing', async () => {
    layout({ 'src/new': 'n\n', 'dst/stale': 's\n' });
    const { lines, report } = await apply(catalogOf([file(`${dir}/dst`, { ensure: 'directory', source: `${dir}/src`, recurse: true, purge: true })]), { noop: true });
    expect(tree(join(dir, 'dst'))).toEqual(['stale']);
    expect(existsSync(join(dir, 'dst/new'))).toBe(false);
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/dst/new]/ensure: current_value 'absent', should be 'file' (noop)`);
    expect(lines).toContain(`Notice: /Stage[main]/Main/File[${dir}/dst/stale]/ensure: current_value 'file', should be 'absent' (noop)`);
    expect(report.metrics.changes.total).toBe(0);
  });
});
