// Work a provider leaves running (Provider.completeLater, used by the pacemaker services while the
// cluster acts): independent resources go on meanwhile, dependents (require, notify, through
// classes) wait until it finished and skip when it failed, and the output keeps run order.
// The work is a real `sh` process that writes to a journal file; a resource can be told to finish
// only once another has begun, which can only happen when the two really run at the same time.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Provider, registerType } from '../../src/providers/framework/index.js';
import { apply, catalogOf, type Declared } from './helpers.js';

let dir: string;
let journal: string;

/** `begin <name>` when asked, `end <name>` from the background process once it finished. */
class BackgroundProvider extends Provider {
  static override readonly providerName = 'background';

  override async exists(): Promise<boolean> {
    return existsSync(join(dir, `${this.resource.name}.done`));
  }

  override async create(): Promise<void> {
    const name = this.resource.name;
    appendFileSync(journal, `begin ${name}\n`);
    const awaited = this.resource.get('finish_after_begin');
    const script = [
      // Bounded: a resource that never sees the other begin fails (exit 3) instead of hanging.
      awaited ? `i=0; until grep -qx "begin $3" "$1"; do i=$((i+1)); [ $i -gt 200 ] && exit 3; sleep 0.05; done` : 'sleep 0.5',
      this.resource.get('fail') === true ? 'echo "agent refused" >&2; exit 7' : '',
      'echo "end $2" >> "$1"',
    ].filter(Boolean).join('; ');
    const work = this.context.transport.run('sh', ['-c', script, 'sh', journal, name, String(awaited ?? '')]).then((result) => {
      if (result.exitCode !== 0) throw new Error(result.stderr.trim() || `never saw ${String(awaited)} begin (exit ${result.exitCode})`);
      writeFileSync(join(dir, `${name}.done`), '');
    });
    await this.completeLater(work);
  }
}

registerType(
  {
    name: 'spec_background',
    ensurable: { defaultTo: 'present' },
    attributes: {
      name: { kind: 'parameter', namevar: true },
      finish_after_begin: { kind: 'parameter' },
      fail: { kind: 'parameter', munge: (value) => value === true || value === 'true' },
    },
    refresh: async (resource) => appendFileSync(journal, `refresh ${resource.name}\n`),
  },
  [BackgroundProvider],
);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-completion-'));
  journal = join(dir, 'journal');
  writeFileSync(journal, '');
});

const background = (title: string, parameters: Declared['parameters'] = {}, more: Partial<Declared> = {}): Declared => ({ type: 'spec_background', title, parameters, ...more });
const lines = () => readFileSync(journal, 'utf8').trim().split('\n');
const position = (line: string) => {
  const index = lines().indexOf(line);
  expect(index, `${line} in ${lines().join(', ')}`).toBeGreaterThanOrEqual(0);
  return index;
};

describe('work left running by providers (completeLater)', () => {
  it('runs independent resources at the same time, and reports them in manifest order', async () => {
    // a can only finish once b has begun: b must start while a still waits.
    const { report, lines: output } = await apply(catalogOf([background('a', { finish_after_begin: 'b' }), background('b')]));
    expect(report.resource_statuses['Spec_background[a]']).toMatchObject({ changed: true, failed: false });
    expect(report.resource_statuses['Spec_background[b]']).toMatchObject({ changed: true, failed: false });
    expect(position('begin b')).toBeLessThan(position('end a'));
    const created = output.filter((line) => line.endsWith('/ensure: created'));
    expect(created).toEqual(['Notice: /Stage[main]/Main/Spec_background[a]/ensure: created', 'Notice: /Stage[main]/Main/Spec_background[b]/ensure: created']);
  });

  it('applies a dependent (require, notify, through a class) only after the work finished; others go on', async () => {
    const catalog = catalogOf(
      [
        // a finishes only once f (in another class, independent) has begun.
        background('a', { finish_after_begin: 'f', notify: 'Spec_background[notified]' }, { in: 'Class[Svc]' }),
        background('f', {}, { in: 'Class[Other]' }),
        background('required', { require: 'Spec_background[a]' }),
        background('notified'),
        background('after_class', { require: 'Class[Svc]' }),
      ],
      { 'Class[Svc]': 'Class[main]', 'Class[Other]': 'Class[main]' },
    );
    const { report, lines: output } = await apply(catalog);
    expect(report.status).toBe('changed');
    expect(Object.values(report.resource_statuses).filter((status) => status.failed)).toEqual([]);
    const end = position('end a');
    expect(position('begin f')).toBeLessThan(end);
    expect(position('begin required')).toBeGreaterThan(end);
    expect(position('begin after_class')).toBeGreaterThan(end);
    expect(position('refresh notified')).toBeGreaterThan(end);
    expect(output).toContain("Notice: /Stage[main]/Main/Spec_background[notified]: Triggered 'refresh' from 1 event");
  });

  it('fails the resource with the usual message when the work fails, skips its dependents, applies the rest', async () => {
    const { report, lines: output } = await apply(catalogOf([
      background('a', { fail: true }),
      background('dependent', { require: 'Spec_background[a]' }),
      background('independent'),
    ]));
    expect(output).toContain("Error: /Stage[main]/Main/Spec_background[a]/ensure: change from 'absent' to 'present' failed: agent refused");
    expect(output).toContain('Warning: /Stage[main]/Main/Spec_background[dependent]: Skipping because of failed dependencies');
    expect(report.resource_statuses['Spec_background[a]']).toMatchObject({ failed: true, changed: false });
    expect(report.resource_statuses['Spec_background[dependent]']).toMatchObject({ skipped: true, failed_dependencies: true });
    expect(report.resource_statuses['Spec_background[independent]']).toMatchObject({ changed: true });
    expect(lines()).not.toContain('begin dependent');
  });

  it('starts nothing in noop', async () => {
    const { report, lines: output } = await apply(catalogOf([background('a', { finish_after_begin: 'b' }), background('b')]), { noop: true });
    expect(readFileSync(journal, 'utf8')).toBe('');
    expect(output).toContain("Notice: /Stage[main]/Main/Spec_background[a]/ensure: current_value 'absent', should be 'present' (noop)");
    expect(report.resource_statuses['Spec_background[a]']).toMatchObject({ changed: false });
  });
});
