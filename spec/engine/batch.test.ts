// Batched providers: changes recorded during the run, committed once — before anything that
// depends on them, and at the end; a failed commit fails every member and skips dependents.
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Provider, registerType, type ApplyContext, type Batch, type Resource } from '../../src/providers/framework/index.js';
import { apply, catalogOf, type Declared } from './helpers.js';

/** A store of names in a JSON file; a commit rewrites it once and counts commits. */
class StoreBatch implements Batch {
  readonly added = new Set<string>();
  constructor(private readonly store: string) {}
  async commit(members: readonly Resource[]): Promise<void> {
    if (members.some((member) => member.title === 'bad')) throw new Error('store rejected the batch');
    if (members.some((member) => member.noop) || members[0]?.provider.context.noop) return;
    const names = existsSync(this.store) ? (JSON.parse(readFileSync(this.store, 'utf8')) as string[]) : [];
    writeFileSync(this.store, JSON.stringify([...names, ...this.added]));
    writeFileSync(`${this.store}.commits`, String(Number(existsSync(`${this.store}.commits`) ? readFileSync(`${this.store}.commits`, 'utf8') : 0) + 1));
    this.added.clear();
  }
}

class StoreProvider extends Provider {
  static override readonly providerName: string = 'store';
  static createBatch(context: ApplyContext): Batch {
    return new StoreBatch(String(context.options.store));
  }
  static async prefetch(resources: readonly Resource[], context: ApplyContext): Promise<void> {
    const store = String(context.options.store);
    const names = existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')) as string[]) : [];
    for (const resource of resources) resource.provider.current = { ensure: names.includes(resource.name) ? 'present' : 'absent' };
  }
  override async create(): Promise<void> {
    (this.batch as StoreBatch).added.add(this.resource.name);
  }
}

registerType({ name: 'spec_stored', ensurable: { defaultTo: 'present' }, attributes: { name: { kind: 'parameter', namevar: true } } }, [StoreProvider]);

/** The same store, with a batch that gathers its later ready members into a commit (Batch.gathersAhead). */
class GatheringStoreBatch extends StoreBatch {
  readonly gathersAhead = true;
}

class GatheringStoreProvider extends StoreProvider {
  static override readonly providerName = 'gathering_store';
  static override createBatch(context: ApplyContext): Batch {
    return new GatheringStoreBatch(String(context.options.store));
  }
}

registerType({ name: 'spec_gathered', ensurable: { defaultTo: 'present' }, attributes: { name: { kind: 'parameter', namevar: true } } }, [GatheringStoreProvider]);

let dir: string;
let store: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papply-batch-'));
  store = join(dir, 'store.json');
});

const stored = (title: string, parameters: Declared['parameters'] = {}): Declared => ({ type: 'spec_stored', title, parameters });
/** Copies the store to `dir/seen-<title>` when it runs: what the dependent saw. */
const snapshot = (title: string, parameters: Declared['parameters'] = {}): Declared => ({
  type: 'exec',
  title,
  parameters: { command: `/bin/cp ${store} ${dir}/seen-${title}`, ...parameters },
});

function commits(): number {
  return existsSync(`${store}.commits`) ? Number(readFileSync(`${store}.commits`, 'utf8')) : 0;
}

describe('batched providers', () => {
  it('commit once at the end when nothing depends on them', async () => {
    const { report } = await apply(catalogOf([stored('a'), stored('b'), stored('c')]), { options: { store } });
    expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual(['a', 'b', 'c']);
    expect(commits()).toBe(1);
    expect(report.metrics.changes.total).toBe(3);
    const again = await apply(catalogOf([stored('a'), stored('b'), stored('c')]), { options: { store } });
    expect(again.report.metrics.changes.total).toBe(0);
    expect(commits()).toBe(1);
  });

  it('commit before a dependent (also through a class) is evaluated', async () => {
    writeFileSync(store, '[]');
    const catalog = catalogOf(
      [{ ...stored('a'), in: 'Class[Cluster]' }, snapshot('after', { require: 'Class[Cluster]' }), stored('late')],
      { 'Class[Cluster]': 'Stage[main]' },
    );
    await apply(catalog, { options: { store } });
    expect(JSON.parse(readFileSync(join(dir, 'seen-after'), 'utf8'))).toEqual(['a']);
    expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual(['a', 'late']);
    expect(commits()).toBe(2);
  });

  it('a failed commit fails every member and skips their dependents only', async () => {
    writeFileSync(store, '[]');
    const catalog = catalogOf([stored('good'), stored('bad'), snapshot('needs-good', { require: 'Spec_stored[good]' }), snapshot('free')]);
    const { report, lines } = await apply(catalog, { options: { store } });
    expect(report.resource_statuses['Spec_stored[good]']!.failed).toBe(true);
    expect(report.resource_statuses['Spec_stored[bad]']!.failed).toBe(true);
    expect(lines).toContain('Error: /Stage[main]/Main/Spec_stored[good]: store rejected the batch');
    expect(report.resource_statuses['Exec[needs-good]']!.skipped).toBe(true);
    expect(existsSync(join(dir, 'seen-needs-good'))).toBe(false);
    expect(existsSync(join(dir, 'seen-free'))).toBe(true);
    expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual([]);
    expect(report.metrics.changes.total).toBe(1); // only Exec[free]
  });
});

describe('batches that gather ahead', () => {
  const gathered = (title: string, parameters: Declared['parameters'] = {}): Declared => ({ type: 'spec_gathered', title, parameters });

  it('take in later members whose dependencies are done when a dependent needs a commit: one commit for interleaved members', async () => {
    writeFileSync(store, '[]');
    const catalog = catalogOf([
      gathered('p1'), snapshot('s1', { require: 'Spec_gathered[p1]' }),
      gathered('p2'), snapshot('s2', { require: 'Spec_gathered[p2]' }),
      // Depends on something not run yet when s1 needs the commit: waits for its own turn.
      snapshot('setup'), gathered('p3', { require: 'Exec[setup]' }), snapshot('s3', { require: 'Spec_gathered[p3]' }),
    ]);
    const { report, lines } = await apply(catalog, { options: { store } });
    expect(report.metrics.resources.failed).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'seen-s1'), 'utf8'))).toEqual(['p1', 'p2']);
    expect(JSON.parse(readFileSync(join(dir, 'seen-s3'), 'utf8'))).toEqual(['p1', 'p2', 'p3']);
    expect(commits()).toBe(2);
    // Gathered members are reported once each, before the dependent that needed the commit.
    const order = lines.filter((line) => /ensure: created|executed successfully/.test(line)).map((line) => /(?:Spec_gathered|Exec)\[(\w+)\]/.exec(line)![1]);
    expect(order).toEqual(['p1', 'p2', 's1', 's2', 'setup', 'p3', 's3']);
  });

  it('a failed gathered commit fails every member and skips the dependents of each', async () => {
    writeFileSync(store, '[]');
    const catalog = catalogOf([gathered('good'), snapshot('needs-good', { require: 'Spec_gathered[good]' }), gathered('bad'), snapshot('needs-bad', { require: 'Spec_gathered[bad]' }), snapshot('free')]);
    const { report } = await apply(catalog, { options: { store } });
    expect(report.resource_statuses['Spec_gathered[good]']!.failed).toBe(true);
    expect(report.resource_statuses['Spec_gathered[bad]']!.failed).toBe(true);
    expect(report.resource_statuses['Exec[needs-good]']!.skipped).toBe(true);
    expect(report.resource_statuses['Exec[needs-bad]']!.skipped).toBe(true);
    expect(existsSync(join(dir, 'seen-free'))).toBe(true);
  });
});

class UnreadableProvider extends Provider {
  static override readonly providerName = 'unreadable';
  static async prefetch(): Promise<void> {
    throw new Error('the store cannot be read');
  }
}

registerType({ name: 'spec_unreadable', ensurable: { defaultTo: 'present' }, attributes: { name: { kind: 'parameter', namevar: true } } }, [UnreadableProvider]);

describe('a provider that cannot prefetch', () => {
  it('is reported once, each of its resources fails with a warning naming it, dependents are skipped', async () => {
    writeFileSync(store, '[]');
    const { report, lines } = await apply(catalogOf([
      { type: 'spec_unreadable', title: 'one' },
      { type: 'spec_unreadable', title: 'two' },
      snapshot('needs-one', { require: 'Spec_unreadable[one]' }),
      snapshot('free'),
    ]), { options: { store } });
    expect(lines.filter((line) => line.includes('Could not prefetch'))).toEqual(["Error: Could not prefetch spec_unreadable provider 'unreadable': the store cannot be read"]);
    expect(lines).toContain('Warning: /Stage[main]/Main/Spec_unreadable[one]: Skipping because provider prefetch failed');
    expect(lines).toContain('Warning: /Stage[main]/Main/Spec_unreadable[two]: Skipping because provider prefetch failed');
    expect(report.resource_statuses['Spec_unreadable[two]']!.failed).toBe(true);
    expect(report.resource_statuses['Exec[needs-one]']!.skipped).toBe(true);
    expect(existsSync(join(dir, 'seen-free'))).toBe(true);
  });
});

/** Records every property in set() and writes them in flush(), failing on demand. */
class FlushingProvider extends Provider {
  static override readonly providerName = 'flushing';
  static async prefetch(resources: readonly Resource[]): Promise<void> {
    for (const resource of resources) resource.provider.current = { ensure: 'present', colour: 'red', size: 'small' };
  }
  override async flush(): Promise<void> {
    if (this.resource.get('fail_flush')) throw new Error('flush refused');
    writeFileSync(String(this.resource.get('out')), JSON.stringify([...this.changed].sort()));
  }
}

registerType(
  {
    name: 'spec_flushed',
    ensurable: true,
    attributes: {
      name: { kind: 'parameter', namevar: true },
      colour: { kind: 'property' },
      size: { kind: 'property' },
      out: { kind: 'parameter' },
      fail_flush: { kind: 'parameter' },
    },
  },
  [FlushingProvider],
);

describe('flush', () => {
  it('is called once after all changed properties; a failing flush fails the resource and its dependents', async () => {
    const out = join(dir, 'flushed.json');
    const ok = await apply(catalogOf([{ type: 'spec_flushed', title: 'a', parameters: { colour: 'blue', size: 'large', out } }]));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(['colour', 'size']);
    expect(ok.report.metrics.changes.total).toBe(2);
    const failing = await apply(
      catalogOf([
        { type: 'spec_flushed', title: 'b', parameters: { colour: 'blue', fail_flush: true, out } },
        snapshot('after-b', { require: 'Spec_flushed[b]' }),
      ]),
    );
    expect(failing.report.resource_statuses['Spec_flushed[b]']).toMatchObject({ failed: true, changed: false, change_count: 0 });
    expect(failing.lines).toContain('Error: /Stage[main]/Main/Spec_flushed[b]: Could not evaluate: flush refused');
    expect(failing.report.resource_statuses['Exec[after-b]']!.skipped).toBe(true);
  });
});
