// The coalescing writer of service changes, on a CIB file: changes asked for while a patch is
// being written go together into the next patch, and a bad change fails alone.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTransport } from '../../../src/backends/transport.js';
import { CibSession, type DesiredItem } from '../../../src/backends/cib/index.js';
import { ServiceCibWriter } from '../../../src/providers/pacemaker/service-cib-writer.js';

const transport = new LocalTransport();
let dir: string;
let cibFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-writer-'));
  cibFile = join(dir, 'cib.xml');
  await CibSession.open({ transport, cibFile });
  for (const id of ['p_w1', 'p_w2', 'p_w3']) {
    await execa('cibadmin', ['--create', '-o', 'resources', '--xml-text', `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"/>`], { env: { CIB_file: cibFile } });
  }
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const started = (resource: string): DesiredItem[] => [{ kind: 'meta', owner: `Service[${resource}]`, resource, name: 'target-role', value: 'Started' }];

async function targetRole(resource: string): Promise<string | undefined> {
  const { stdout } = await execa('crm_resource', ['--resource', resource, '--meta', '--get-parameter', 'target-role'], { env: { CIB_file: cibFile }, reject: false });
  return stdout.trim() || undefined;
}

describe('ServiceCibWriter', () => {
  it('writes the changes asked for during a write as one patch', async () => {
    const writer = new ServiceCibWriter(await CibSession.open({ transport, cibFile }));
    const [first, second, third] = await Promise.all([writer.write(started('p_w1')), writer.write(started('p_w2')), writer.write(started('p_w3'))]);
    expect(second).toBe(third);
    expect(second!.versionAfter.epoch).toBe(first!.versionAfter.epoch + 1);
    expect(second!.notes.map((note) => note.owner).sort()).toEqual(['Service[p_w2]', 'Service[p_w3]']);
    for (const id of ['p_w1', 'p_w2', 'p_w3']) expect(await targetRole(id)).toBe('Started');
  });

  it('retries a failing patch change by change: only the bad one fails', async () => {
    const writer = new ServiceCibWriter(await CibSession.open({ transport, cibFile }));
    const results = await Promise.allSettled([
      writer.write(started('p_w1')),
      writer.write(started('p_w2')),
      writer.write(started('p_missing')),
      writer.write(started('p_w3')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/p_missing/);
    for (const id of ['p_w1', 'p_w2', 'p_w3']) expect(await targetRole(id)).toBe('Started');
  });
});
