// A section with many changes is sent whole (src/backends/cib/section-rewrite.ts). The rewrite
// must leave the CIB exactly as the change-by-change patch does: both patches are applied by the
// real cibadmin to copies of the same CIB and the configurations compared.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execa } from 'execa';
import { buildPatch, buildXml, element, parseCib, parseXml, type DesiredItem } from '../../src/backends/cib/index.js';
import { configurationOf } from '../../src/backends/cib/model.js';
import { rewriteBusySections } from '../../src/backends/cib/section-rewrite.js';
import { cibFixture, dummy, type CibFixture } from './support.js';

let cib: CibFixture;
beforeEach(() => {
  cib = cibFixture();
});
afterEach(() => cib.cleanup());

const location = (rsc: string, score = '100'): DesiredItem => ({ kind: 'location', owner: `Cs_location[${rsc}]`, id: `l_${rsc}`, rsc, node: 'node-1', score });

async function patchedConfiguration(source: string, patch: string): Promise<string> {
  const copy = join(dirname(source), `copy-${Math.random().toString(36).slice(2)}.xml`);
  copyFileSync(source, copy);
  await execa('cibadmin', ['--patch', '--xml-pipe'], { env: { CIB_file: copy }, input: patch });
  const { stdout } = await execa('cibadmin', ['--query', '--scope', 'configuration'], { env: { CIB_file: copy } });
  return stdout;
}

describe('sections sent whole', () => {
  it('ends in the same configuration as the change-by-change patch (creates, modifies, deletes, foreign ids, groups)', async () => {
    await (await cib.open()).commit([
      ...['a', 'b', 'c', 'd'].map((id) => dummy(id, { parameters: { state: `/run/${id}` } })),
      { kind: 'group', owner: 'Cs_group[g]', id: 'g', members: ['c', 'd'], meta: {} },
      location('a'), location('b'),
    ]);
    // Another tool's element with its own ids, which the diff keeps.
    await cib.cibadmin('--create', '-o', 'resources', '--xml-text', buildXml(
      element('primitive', { id: 'foreign', class: 'ocf', provider: 'pacemaker', type: 'Dummy' }, [
        element('instance_attributes', { id: 'foreign-custom-ia' }, [element('nvpair', { id: 'foreign-custom-nv', name: 'state', value: '/run/f' })]),
      ]),
    ));
    const session = await cib.open();
    const plan = session.plan([
      dummy('a', { parameters: { state: '/run/a2', fake: 'x' } }),
      dummy('foreign', { parameters: { state: '/run/f2' }, operations: [] }),
      ...['e', 'f', 'g1'].map((id) => dummy(id)),
      { kind: 'group', owner: 'Cs_group[g]', id: 'g', members: ['d', 'c', 'g1'], meta: { 'target-role': 'Started' } },
      { kind: 'absent', owner: 'Cs_primitive[b]', what: 'resource', id: 'b' },
      { kind: 'absent', owner: 'Cs_location[b]', what: 'constraint', id: 'l_b' },
      location('a', '200'), location('e'), location('f'),
    ]);
    expect(plan.changes.length).toBeGreaterThan(5);
    const configuration = configurationOf(session.model.root);
    const rewritten = rewriteBusySections(configuration, plan.changes, 0);
    expect(rewritten.filter((change) => change.operation === 'create' && change.parentPath === '/cib/configuration').map((change) => (change as { element: { name: string } }).element.name).sort()).toEqual(['constraints', 'resources']);
    const oneByOne = await patchedConfiguration(cib.file, buildPatch(plan.version, plan.changes));
    const whole = await patchedConfiguration(cib.file, buildPatch(plan.version, rewritten));
    expect(whole).toBe(oneByOne);
    const resources = parseCib(`<cib>${whole}</cib>`.replace(/<\?xml[^>]*>/, '')).resources;
    expect([...resources.keys()].sort()).toEqual(['a', 'c', 'd', 'e', 'f', 'foreign', 'g', 'g1']);
    expect(whole).toContain('id="foreign-custom-nv"');
  });

  it('a large first run is one write, complete and valid', async () => {
    const ids = Array.from({ length: 400 }, (_, index) => `p${index}`);
    const items: DesiredItem[] = [...ids.map((id) => dummy(id, { parameters: { state: `/run/${id}` } })), ...ids.map((id) => location(id))];
    const session = await cib.open();
    const epoch = await cib.epoch();
    const plan = session.plan(items);
    expect(plan.changes).toHaveLength(800);
    // The patch carries two sections, not 800 changes.
    expect(parseXml(plan.patch!).children.filter((child) => child.name === 'change')).toHaveLength(4);
    const result = await session.commit(items);
    expect(result.changed).toBe(true);
    expect(await cib.epoch()).toBe(epoch + 1);
    const model = parseCib(await cib.cibadmin('--query'));
    expect(model.resources.size).toBe(400);
    expect(model.constraints.size).toBe(400);
    expect((await cib.verify()).ok).toBe(true);
    expect((await (await cib.open()).commit(items)).changes).toEqual([]);
  });
});
