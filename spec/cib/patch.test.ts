// Patch semantics against real cibadmin: atomicity, foreign ids and spellings kept, legacy
// <master> read and kept, meta items of the service provider.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildXml, element, fileBackend, parseCib, type DesiredItem } from '../../src/backends/cib/index.js';
import { cibFixture, dummy, type CibFixture } from './support.js';

let cib: CibFixture;
beforeEach(() => {
  cib = cibFixture();
});
afterEach(() => cib.cleanup());

describe('v2 patches on a CIB file', () => {
  it('applies all changes of a patch or none: a failing change leaves the CIB as it was', async () => {
    const session = await cib.open();
    const before = await cib.cibadmin('--query');
    const version = session.model.version;
    const patch = buildXml(element('diff', { format: '2' }, [
      element('version', {}, [
        element('source', { admin_epoch: String(version.adminEpoch), epoch: String(version.epoch), num_updates: String(version.numUpdates) }),
        element('target', { admin_epoch: String(version.adminEpoch), epoch: String(version.epoch + 1), num_updates: '0' }),
      ]),
      element('change', { operation: 'create', path: '/cib/configuration/resources', position: '0' }, [
        element('primitive', { id: 'first-change', class: 'ocf', provider: 'pacemaker', type: 'Dummy' }),
      ]),
      element('change', { operation: 'create', path: "/cib/configuration/resources/group[@id='not-there']", position: '0' }, [
        element('primitive', { id: 'second-change', class: 'ocf', provider: 'pacemaker', type: 'Dummy' }),
      ]),
    ]));
    const outcome = await fileBackend(cib.file).applyPatch(patch);
    expect(outcome.ok).toBe(false);
    expect(await cib.cibadmin('--query')).toBe(before);
  });

  it('keeps ids and spellings another tool wrote when the meaning is the same', async () => {
    await cib.open();
    await cib.cibadmin('--create', '-o', 'resources', '--xml-text', buildXml(
      element('primitive', { id: 'web', class: 'ocf', provider: 'pacemaker', type: 'Dummy' }, [
        element('instance_attributes', { id: 'web-params' }, [element('nvpair', { id: 'web-params-state', name: 'state', value: '/run/web' })]),
        element('operations', {}, [element('op', { id: 'web-mon', name: 'monitor', interval: '10', timeout: '20000ms' })]),
      ]),
    ));
    const item = dummy('web', { parameters: { state: '/run/web' }, operations: [{ name: 'monitor', interval: '10s', options: { timeout: '20s' } }] });
    const same = await (await cib.open()).commit([item]);
    expect(same.changes).toEqual([]);
    const changed = await (await cib.open()).commit([{ ...item, parameters: { state: '/run/web2' } }]);
    expect(changed.changes).toHaveLength(1);
    expect(changed.changes[0]).toMatchObject({ operation: 'modify', path: "/cib/configuration/resources/primitive[@id='web']/instance_attributes[@id='web-params']/nvpair[@id='web-params-state']" });
  });

  it('reads a legacy <master> as a promotable clone and keeps it', async () => {
    await cib.open();
    await cib.cibadmin('--create', '-o', 'resources', '--xml-text', buildXml(
      element('master', { id: 'ms_db' }, [
        element('meta_attributes', { id: 'ms_db-meta_attributes' }, [element('nvpair', { id: 'ms_db-meta_attributes-notify', name: 'notify', value: 'true' })]),
        element('primitive', { id: 'db', class: 'ocf', provider: 'pacemaker', type: 'Stateful' }),
      ]),
    ));
    const session = await cib.open();
    expect(session.model.resources.get('ms_db')).toMatchObject({ kind: 'clone', promotable: true, legacyMaster: true, child: 'db' });
    const items: DesiredItem[] = [
      dummy('db', { type: 'Stateful', operations: [] }),
      { kind: 'clone', owner: 'Cs_primitive[db]', id: 'ms_db', child: 'db', meta: { notify: 'true' }, promotable: true },
    ];
    expect((await session.commit(items)).changes).toEqual([]);
  });

  it('sets and clears meta for the service provider without owning the resource; cs_* runs keep it', async () => {
    await (await cib.open()).commit([dummy('svc')]);
    const stop: DesiredItem = { kind: 'meta', owner: 'Service[svc]', resource: 'svc', name: 'target-role', value: 'Stopped' };
    const result = await (await cib.open()).commit([stop]);
    expect(result.notes).toEqual([{ owner: 'Service[svc]', line: '+ svc meta target-role=Stopped' }]);
    expect((await (await cib.open()).commit([dummy('svc')])).changes).toEqual([]);
    const model = parseCib(await cib.cibadmin('--query'));
    expect(model.resources.get('svc')?.meta['target-role']).toBe('Stopped');
    await (await cib.open()).commit([{ ...stop, value: undefined }]);
    expect(parseCib(await cib.cibadmin('--query')).resources.get('svc')?.meta['target-role']).toBeUndefined();
  });

  it('reports a meta item on a resource that does not exist, naming its owner', async () => {
    const item: DesiredItem = { kind: 'meta', owner: 'Service[ghost]', resource: 'ghost', name: 'target-role', value: 'Started' };
    await expect((await cib.open()).commit([item])).rejects.toThrow(/Service\[ghost\]: resource ghost does not exist/);
  });

  it('refuses to turn an existing group into a primitive of the same id', async () => {
    await (await cib.open()).commit([dummy('m1'), { kind: 'group', owner: 'Cs_group[g1]', id: 'g1', members: ['m1'], meta: {} }]);
    await expect((await cib.open()).commit([dummy('g1')])).rejects.toThrow(/Cs_primitive\[g1\]: g1 already exists in the CIB as a group; remove it first/);
  });

  it('refuses to put one resource in two containers', async () => {
    const items: DesiredItem[] = [
      dummy('twice'),
      { kind: 'clone', owner: 'Cs_primitive[twice]', id: 'ms_twice', child: 'twice', meta: {}, promotable: true },
      { kind: 'clone', owner: 'Cs_clone[twice-clone]', id: 'twice-clone', child: 'twice', meta: {}, promotable: false },
    ];
    await expect((await cib.open()).commit(items)).rejects.toThrow(/Cs_clone\[twice-clone\]: twice-clone: twice is already placed in ms_twice by this catalog/);
  });

  it('refuses to remove a resource a foreign constraint still needs', async () => {
    await (await cib.open()).commit([dummy('keep')]);
    await cib.cibadmin('--create', '-o', 'constraints', '--xml-text', '<rsc_location id="theirs" rsc="keep" node="node-1" score="10"/>');
    const absent: DesiredItem = { kind: 'absent', owner: 'Cs_primitive[keep]', what: 'resource', id: 'keep' };
    await expect((await cib.open()).commit([absent])).rejects.toThrow(/Cs_primitive\[keep\]: cannot remove keep: constraint theirs \(not managed here\) still refers to it/);
  });
});
