// What a run prints and records: progress of long waits, debug/verbose levels, the report.
import { describe, expect, it } from 'vitest';
import { Provider, registerType, type ApplyContext, type Resource } from '../../src/providers/framework/index.js';
import { summaryLine } from '../../src/engine/report.js';
import { apply, catalogOf } from './helpers.js';

/** Waits `wait` ms in steps, reporting progress each step, as a slow provider would. */
class WaitingProvider extends Provider {
  static override readonly providerName = 'waiting';
  override async get(): Promise<string> {
    return 'idle';
  }
  override async set(): Promise<void> {
    const started = Date.now();
    const total = Number(this.resource.get('wait'));
    while (Date.now() - started < total) {
      this.context.progress({ what: `${this.resource.name} to settle`, elapsedMs: Date.now() - started, timeoutMs: 60_000, detail: 'node-1: starting' }, this.resource);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  static async prefetch(_resources: readonly Resource[], _context: ApplyContext): Promise<void> {}
}

registerType(
  {
    name: 'spec_waiting',
    attributes: {
      name: { kind: 'parameter', namevar: true },
      state: { kind: 'property' },
      wait: { kind: 'parameter', defaultTo: 300, munge: Number },
    },
  },
  [WaitingProvider],
);

describe('run output', () => {
  it('shows what a long wait awaits, elapsed and timeout, throttled', async () => {
    const { lines } = await apply(catalogOf([{ type: 'spec_waiting', title: 'vip', parameters: { state: 'settled' } }]));
    const progress = lines.filter((line) => line.includes('waiting for'));
    expect(progress[0]).toBe('Notice: /Stage[main]/Main/Spec_waiting[vip]: waiting for vip to settle (0s of 60s): node-1: starting');
    // Polled ~6 times in 300 ms, printed once (every 5 s at most).
    expect(progress).toHaveLength(1);
  });

  it('prints debug lines (commands run) only with the debug level, info with verbose', async () => {
    const catalog = catalogOf([{ type: 'exec', title: '/bin/true' }]);
    const quiet = await apply(catalog);
    expect(quiet.stdout).not.toContain('Debug:');
    expect(quiet.lines.some((l) => l.startsWith("Debug: /Stage[main]/Main/Exec[/bin/true]: Executing '/bin/true'"))).toBe(true);
    const verbose = await apply(catalog, { level: 'info' });
    expect(verbose.stdout).toContain("Info: Applying configuration version '1'");
    expect(verbose.stdout).not.toContain('Debug:');
    const debug = await apply(catalog, { level: 'debug' });
    expect(debug.stdout).toContain("Debug: /Stage[main]/Main/Exec[/bin/true]: Executing '/bin/true'");
  });

  it('the report has statuses, events, timings and a summary', async () => {
    const { report } = await apply(catalogOf([{ type: 'notify', title: 'a' }, { type: 'exec', title: '/bin/false' }, { type: 'exec', title: '/bin/echo', parameters: { require: 'Exec[/bin/false]' } }]));
    expect(report.status).toBe('failed');
    expect(report.resource_statuses['Notify[a]']).toMatchObject({ changed: true, change_count: 1, containment_path: ['Stage[main]', 'Main', 'Notify[a]'], provider: 'notify' });
    expect(report.resource_statuses['Exec[/bin/echo]']).toMatchObject({ skipped: true, failed_dependencies: true });
    expect(report.metrics.time.total).toBeGreaterThan(0);
    expect(report.metrics.time.exec).toBeGreaterThan(0);
    expect(summaryLine(report)).toMatch(/^Summary: 3 resources, 1 changed, 1 failed, 1 skipped in \d+\.\d\d seconds$/);
  });
});
