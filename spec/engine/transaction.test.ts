// The transaction against real commands: order, failures and skipped dependents, refresh events
// (through classes and defines too), noop, tags, cycles.
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/engine/report.js';
import { apply, catalogOf, type Declared } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-tx-'));
});

/** An exec that appends its name to `dir/log`, so the order of runs can be read back. */
function logger(title: string, parameters: Record<string, unknown> = {}, where?: string): Declared {
  return {
    type: 'exec',
    title,
    in: where,
    parameters: { command: `/bin/sh -c "echo ${title} >> ${dir}/log"`, provider: 'posix', ...parameters } as Declared['parameters'],
  };
}

function runs(): string[] {
  return existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').trim().split('\n') : [];
}

describe('transaction', () => {
  it('applies in manifest order unless relationships say otherwise', async () => {
    const { report } = await apply(catalogOf([logger('a'), logger('b', { require: 'Exec[c]' }), logger('c')]));
    expect(runs()).toEqual(['a', 'c', 'b']);
    expect(report.metrics.changes.total).toBe(3);
    expect(exitCodeOf(report, true)).toBe(2);
  });

  it('skips the dependents of a failed resource and applies the rest', async () => {
    const { report, lines } = await apply(
      catalogOf([
        { type: 'exec', title: '/bin/false' },
        logger('dependent', { require: 'Exec[/bin/false]' }),
        logger('transitive', { require: 'Exec[dependent]' }),
        logger('independent'),
      ]),
    );
    expect(runs()).toEqual(['independent']);
    expect(lines).toContain("Error: /Stage[main]/Main/Exec[/bin/false]/returns: change from 'notrun' to ['0'] failed: '/bin/false' returned 1 instead of one of [0]");
    expect(lines).toContain('Notice: /Stage[main]/Main/Exec[dependent]: Dependency Exec[/bin/false] has failures: true');
    expect(lines).toContain('Warning: /Stage[main]/Main/Exec[dependent]: Skipping because of failed dependencies');
    expect(lines).toContain('Warning: /Stage[main]/Main/Exec[transitive]: Skipping because of failed dependencies');
    // The failure is named once, by the first dependent (Puppet's wording and habit).
    expect(lines.filter((l) => l.includes('Dependency Exec[/bin/false] has failures: true'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('Dependency Exec[dependent]'))).toBe(false);
    expect(report.resource_statuses['Exec[transitive]']!.skipped).toBe(true);
    expect(report.metrics.resources.failed).toBe(1);
    expect(exitCodeOf(report, true)).toBe(6);
    expect(exitCodeOf(report, false)).toBe(0);
  });

  it('a failure inside a class skips what requires the class', async () => {
    const catalog = catalogOf(
      [{ type: 'exec', title: '/bin/false', in: 'Class[Broken]' }, logger('after', { require: 'Class[Broken]' }), logger('other')],
      { 'Class[Broken]': 'Stage[main]' },
    );
    const { lines } = await apply(catalog);
    expect(runs()).toEqual(['other']);
    expect(lines).toContain('Notice: /Stage[main]/Main/Exec[after]: Dependency Exec[/bin/false] has failures: true');
  });

  it('refreshes a refreshonly exec on notify, and only then', async () => {
    const trigger = logger('trigger', { notify: 'Exec[handler]', creates: `${dir}/done` });
    const handler = logger('handler', { refreshonly: true });
    const first = await apply(catalogOf([trigger, handler]));
    expect(runs()).toEqual(['trigger', 'handler']);
    expect(first.lines).toContain("Notice: /Stage[main]/Main/Exec[handler]: Triggered 'refresh' from 1 event");
    writeFileSync(join(dir, 'done'), '');
    const second = await apply(catalogOf([trigger, handler]));
    expect(runs()).toEqual(['trigger', 'handler']);
    expect(second.report.metrics.changes.total).toBe(0);
  });

  it('events travel through classes and defined resources (subscribe to a class)', async () => {
    const catalog = catalogOf(
      [
        logger('inner', {}, 'Mydefine[one]'),
        logger('watcher', { refreshonly: true, subscribe: 'Class[Profile]' }),
        logger('notified', { refreshonly: true }, 'Class[Target]'),
        logger('source', { notify: 'Class[Target]' }),
      ],
      { 'Class[Profile]': 'Stage[main]', 'Mydefine[one]': 'Class[Profile]', 'Class[Target]': 'Stage[main]' },
    );
    const { lines } = await apply(catalog);
    expect(runs()).toContain('watcher');
    expect(runs()).toContain('notified');
    expect(runs().indexOf('inner')).toBeLessThan(runs().indexOf('watcher'));
    expect(lines).toContain('Notice: /Stage[main]/Profile/Mydefine[one]/Exec[inner]/returns: executed successfully');
  });

  it('noop changes nothing and says what it would do, also for refreshes', async () => {
    const { report, lines } = await apply(catalogOf([logger('a', { notify: 'Exec[b]' }), logger('b', { refreshonly: true })]), { noop: true });
    expect(runs()).toEqual([]);
    expect(lines).toContain("Notice: /Stage[main]/Main/Exec[a]/returns: current_value 'notrun', should be ['0'] (noop)");
    expect(lines).toContain("Notice: /Stage[main]/Main/Exec[b]: Would have triggered 'refresh' from 1 event");
    // As puppet apply: the class got a's event and b's would-be restart.
    expect(lines).toContain("Notice: Class[Main]: Would have triggered 'refresh' from 2 events");
    expect(lines).toContain("Notice: Stage[main]: Would have triggered 'refresh' from 1 event");
    expect(exitCodeOf(report, true)).toBe(0);
  });

  it('a resource with noop => true is only reported', async () => {
    await apply(catalogOf([logger('quiet', { noop: true }), logger('loud')]));
    expect(runs()).toEqual(['loud']);
  });

  it('noop => false on a resource applies it even in a --noop run (as Puppet)', async () => {
    await apply(catalogOf([logger('forced', { noop: false }), logger('held')]), { noop: true });
    expect(runs()).toEqual(['forced']);
  });

  it('--tags applies only tagged resources', async () => {
    const catalog = catalogOf([
      { ...logger('tagged'), tags: ['exec', 'web'] },
      { ...logger('untagged'), tags: ['exec', 'db'] },
    ]);
    const { report } = await apply(catalog, { tags: ['web'] });
    expect(runs()).toEqual(['tagged']);
    expect(report.resource_statuses['Exec[untagged]']!.skipped).toBe(true);
    await apply(catalog, { skipTags: ['web'] });
    expect(runs()).toEqual(['tagged', 'untagged']);
  });

  it('reports dependency cycles with their resources and applies nothing', async () => {
    const catalog = catalogOf([logger('a', { require: 'Exec[b]' }), logger('b', { require: 'Exec[a]' }), logger('c')]);
    await expect(apply(catalog)).rejects.toThrow(/Found 1 dependency cycle:\n\((Exec\[a\] => Exec\[b\] => Exec\[a\]|Exec\[b\] => Exec\[a\] => Exec\[b\])\)/);
    expect(runs()).toEqual([]);
  });

  it('a reference to a missing resource is an error before anything runs', async () => {
    await expect(apply(catalogOf([logger('a'), logger('b', { require: 'File[/nowhere]' })]))).rejects.toThrow(
      "Could not find resource 'File[/nowhere]' for relationship on 'Exec[b]'",
    );
    expect(runs()).toEqual([]);
  });

  it('an invalid value fails the whole catalog with Puppet wording', async () => {
    await expect(apply(catalogOf([logger('a'), logger('b', { logoutput: 'sometimes' })]))).rejects.toThrow(
      'Parameter logoutput failed on Exec[b]: Invalid value "sometimes". Valid values are true, false, on_failure.',
    );
    expect(runs()).toEqual([]);
  });

  it('an unknown or unsuitable provider is an error before anything changes', async () => {
    await expect(apply(catalogOf([logger('a'), logger('b', { provider: 'windows' })]))).rejects.toThrow(
      "Exec[b]: Invalid provider 'windows' for exec; valid providers are posix, shell",
    );
    expect(runs()).toEqual([]);
  });

  it('a built-in type papply does not implement stops the run; defined types are containers', async () => {
    const catalog = catalogOf([logger('a', {}, 'Mydefine[x]'), { type: 'user', title: 'deploy' }], { 'Mydefine[x]': 'Class[main]' });
    catalog.resources.find((r) => r.type === 'Mydefine')!.kind = 'defined_type';
    catalog.resources.find((r) => r.type === 'User')!.kind = 'compilable_type';
    await expect(apply(catalog)).rejects.toThrow("User[deploy]: papply cannot apply resources of type 'user'");
    expect(runs()).toEqual([]);
    catalog.resources = catalog.resources.filter((r) => r.type !== 'User');
    catalog.edges = catalog.edges.filter((e) => e.target !== 'User[deploy]');
    await apply(catalog);
    expect(runs()).toEqual(['a']);
  });
});
