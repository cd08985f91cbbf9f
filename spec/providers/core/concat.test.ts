// concat + concat::fragment, anchor and stages on the real filesystem.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-concat-'));
});

const fragment = (title: string, parameters: Declared['parameters']): Declared => ({ type: 'concat::fragment', title, parameters });

describe('concat', () => {
  it('assembles fragments by order then title, from content and module sources; idempotent', async () => {
    mkdirSync(join(dir, 'modules/lb/files'), { recursive: true });
    writeFileSync(join(dir, 'modules/lb/files/defaults.cfg'), 'defaults\n  mode http\n');
    const catalog = catalogOf([
      { type: 'concat', title: 'haproxy.cfg', parameters: { path: `${dir}/haproxy.cfg`, mode: '0640' } },
      fragment('zz backend', { target: 'haproxy.cfg', content: 'backend b\n', order: '20' }),
      fragment('global', { target: 'haproxy.cfg', content: 'global\n', order: '01' }),
      fragment('aa frontend', { target: `${dir}/haproxy.cfg`, content: 'frontend f\n', order: '20' }),
      fragment('defaults', { target: 'haproxy.cfg', source: 'puppet:///modules/lb/defaults.cfg', order: '10' }),
      fragment('elsewhere', { target: 'other', content: 'not here\n' }),
    ]);
    const first = await apply(catalog, { modulepath: [join(dir, 'modules')] });
    expect(first.report.metrics.resources.failed).toBe(0);
    expect(first.lines.some((l) => /^Notice: \/Stage\[main\]\/Main\/Concat\[haproxy.cfg\]\/ensure: defined content as '\{sha256\}[0-9a-f]{64}'$/.test(l))).toBe(true);
    expect(readFileSync(join(dir, 'haproxy.cfg'), 'utf8')).toBe('global\ndefaults\n  mode http\nfrontend f\nbackend b\n');
    const second = await apply(catalog, { modulepath: [join(dir, 'modules')] });
    expect(second.report.metrics.changes.total).toBe(0);
  });

  it('numeric order, ensure_newline, and a content change notifies subscribers', async () => {
    const catalog = (extra: string) =>
      catalogOf([
        { type: 'concat', title: `${dir}/list`, parameters: { order: 'numeric', ensure_newline: true } },
        fragment('ten', { target: `${dir}/list`, content: 'ten', order: '10' }),
        fragment('nine', { target: `${dir}/list`, content: `nine${extra}`, order: '9' }),
        { type: 'exec', title: 'reload', parameters: { command: `/bin/sh -c "echo x >> ${dir}/reloads"`, refreshonly: true, subscribe: `Concat[${dir}/list]` } },
      ]);
    await apply(catalog(''));
    expect(readFileSync(join(dir, 'list'), 'utf8')).toBe('nine\nten\n');
    await apply(catalog(''));
    await apply(catalog('!'));
    expect(readFileSync(join(dir, 'list'), 'utf8')).toBe('nine!\nten\n');
    expect(readFileSync(join(dir, 'reloads'), 'utf8')).toBe('x\nx\n');
  });

  it('validate_cmd rejects bad content and leaves the file as it was', async () => {
    writeFileSync(join(dir, 'conf'), 'good\n');
    const { report, lines } = await apply(
      catalogOf([
        { type: 'concat', title: `${dir}/conf`, parameters: { validate_cmd: '/bin/grep -q good %' } },
        fragment('bad', { target: `${dir}/conf`, content: 'bad\n' }),
      ]),
    );
    expect(report.metrics.resources.failed).toBe(1);
    expect(lines.some((l) => l.includes("Execution of '/bin/grep -q good") && l.includes('returned 1'))).toBe(true);
    expect(readFileSync(join(dir, 'conf'), 'utf8')).toBe('good\n');
  });

  it('a fragment needs a target and exactly one of content and source', async () => {
    await expect(apply(catalogOf([fragment('x', { content: 'a' })]))).rejects.toThrow('target is required');
    await expect(apply(catalogOf([fragment('x', { target: 't' })]))).rejects.toThrow("Can't use 'source' and 'content' at the same time");
  });
});

describe('anchor and stages', () => {
  it('anchors order classes and pass refresh events on', async () => {
    const catalog = catalogOf(
      [
        { type: 'anchor', title: 'app::begin', in: 'Class[App]' },
        { type: 'file', title: `${dir}/app`, in: 'Class[App]', parameters: { content: 'x', require: 'Anchor[app::begin]', notify: 'Anchor[app::end]' } },
        { type: 'anchor', title: 'app::end', in: 'Class[App]', parameters: { notify: 'Exec[after]' } },
        { type: 'exec', title: 'after', parameters: { command: `/usr/bin/touch ${dir}/after`, refreshonly: true } },
      ],
      { 'Class[App]': 'Stage[main]' },
    );
    await apply(catalog);
    expect(existsSync(join(dir, 'after'))).toBe(true);
  });

  it('a stage before main runs its classes first', async () => {
    const catalog = catalogOf(
      [
        { type: 'exec', title: 'in main', parameters: { command: `/bin/sh -c "echo main >> ${dir}/order"` } },
        { type: 'exec', title: 'in pre', in: 'Class[Setup]', parameters: { command: `/bin/sh -c "echo pre >> ${dir}/order"` } },
      ],
      { 'Stage[pre]': 'Stage[main]', 'Class[Setup]': 'Stage[pre]' },
    );
    // Stage[pre] is top level in real catalogs; relationships come from `before => Stage[main]`.
    catalog.edges = catalog.edges.filter((edge) => edge.target !== 'Stage[pre]');
    catalog.resources.find((r) => r.title === 'pre')!.parameters = { name: 'pre', before: 'Stage[main]' };
    await apply(catalog);
    expect(readFileSync(join(dir, 'order'), 'utf8')).toBe('pre\nmain\n');
  });
});
