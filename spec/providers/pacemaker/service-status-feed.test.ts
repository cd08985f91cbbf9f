// The status reader shared by waiting services, on a CIB file: callers asking at the same time
// share one `cibadmin` read, and a later call always gets a read made after it (never a stale one).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTransport, type RunOptions } from '../../../src/backends/transport.js';
import { CibSession } from '../../../src/backends/cib/index.js';
import { ClusterStatusFeed } from '../../../src/providers/pacemaker/service-status-feed.js';

/** Counts cibadmin calls. */
class CountingTransport extends LocalTransport {
  reads = 0;
  override async run(file: string, args: readonly string[], options?: RunOptions) {
    if (file === 'cibadmin') this.reads++;
    return super.run(file, args, options);
  }
}

let dir: string;
let cibFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-feed-'));
  cibFile = join(dir, 'cib.xml');
  await CibSession.open({ transport: new LocalTransport(), cibFile });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ClusterStatusFeed', () => {
  it('answers callers asking together with one read, and later callers with a newer read', async () => {
    const transport = new CountingTransport();
    const feed = new ClusterStatusFeed(transport, { CIB_file: cibFile }, 50);
    const together = [feed.next(), feed.next(), feed.next()];
    const first = await together[0]!;
    expect(await Promise.all(together)).toEqual([first, first, first]);
    expect(transport.reads).toBe(1);
    expect(first.nodes.map((node) => node.resources.has('p_fed'))).toEqual([false, false, false]);

    const env = { CIB_file: cibFile };
    await execa('cibadmin', ['--create', '-o', 'resources', '--xml-text', '<primitive id="p_fed" class="ocf" provider="pacemaker" type="Dummy"/>'], { env });
    await execa('crm_simulate', ['--xml-file', cibFile, '--in-place', '--quorum', '1', '--simulate']);
    const later = await feed.next();
    expect(transport.reads).toBe(2);
    expect(later.nodes.some((node) => node.resources.get('p_fed')?.state === 'running')).toBe(true);
  });
});
