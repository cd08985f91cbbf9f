import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CibPatchError, type DesiredItem } from '../../src/backends/cib/index.js';
import { cibFixture, dummy, type CibFixture } from './support.js';

let cib: CibFixture;
beforeEach(() => {
  cib = cibFixture();
});
afterEach(() => cib.cleanup());

const site = (): DesiredItem[] => [
  dummy('web', { parameters: { state: '/run/web.state' }, meta: { 'resource-stickiness': '100' }, utilization: { cpu: '1' } }),
  dummy('db'),
  { kind: 'clone', owner: 'Cs_clone[db-clone]', id: 'db-clone', child: 'db', meta: { 'clone-max': '2', interleave: 'true' }, promotable: false },
  { kind: 'location', owner: 'Cs_location[web-on-node-1]', id: 'web-on-node-1', rsc: 'web', node: 'node-1', score: '100' },
  { kind: 'colocation', owner: 'Cs_colocation[web-with-db]', id: 'web-with-db', rsc: 'web', withRsc: 'db-clone', score: 'INFINITY' },
  { kind: 'order', owner: 'Cs_order[db-before-web]', id: 'db-before-web', first: 'db-clone', then: 'web', orderKind: 'Mandatory' },
  { kind: 'property', owner: 'Cs_property[no-quorum-policy]', name: 'no-quorum-policy', value: 'ignore' },
  { kind: 'rsc_default', owner: 'Cs_rsc_defaults[migration-threshold]', name: 'migration-threshold', value: '3' },
];

describe('CIB session on a CIB file', () => {
  it('creates a missing file with online nodes that crm_verify accepts', async () => {
    const session = await cib.open();
    expect(session.model.nodes.map((node) => node.uname)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(session.model.clusterProperties['stonith-enabled']).toBe('false');
    expect((await cib.verify()).ok).toBe(true);
  });

  it('applies a whole site as one write, and a second run changes nothing', async () => {
    const session = await cib.open();
    const before = await cib.epoch();
    const first = await session.commit(site());
    expect(first.changed).toBe(true);
    expect(await cib.epoch()).toBe(before + 1);
    expect((await cib.verify()).ok).toBe(true);
    const model = session.model;
    expect(model.resources.get('db')).toMatchObject({ kind: 'primitive', parent: 'db-clone' });
    expect(model.resources.get('db-clone')).toMatchObject({ kind: 'clone', child: 'db', meta: { 'clone-max': '2', interleave: 'true' } });
    expect(model.resources.get('web')).toMatchObject({ parameters: { state: '/run/web.state' }, utilization: { cpu: '1' } });
    expect(model.constraints.get('web-with-db')).toMatchObject({ rsc: 'web', withRsc: 'db-clone', score: 'INFINITY' });
    expect(model.clusterProperties['no-quorum-policy']).toBe('ignore');
    expect(model.rscDefaults['migration-threshold']).toBe('3');

    const again = await (await cib.open()).commit(site());
    expect(again.changed).toBe(false);
    expect(again.changes).toEqual([]);
    expect(await cib.epoch()).toBe(before + 1);
  });

  it('moves the epoch by exactly one for one changed parameter and says what changed', async () => {
    await (await cib.open()).commit(site());
    const before = await cib.epoch();
    const items = site();
    items[0] = dummy('web', { parameters: { state: '/run/web2.state' }, meta: { 'resource-stickiness': '100' }, utilization: { cpu: '1' } });
    const result = await (await cib.open()).commit(items);
    expect(await cib.epoch()).toBe(before + 1);
    expect(result.changes).toHaveLength(1);
    expect(result.notes).toEqual([{ owner: 'Cs_primitive[web]', line: '~ web params state: /run/web.state -> /run/web2.state' }]);
  });

  it('removes what the manifest marks absent, constraints before resources', async () => {
    await (await cib.open()).commit(site());
    const absent: DesiredItem[] = [
      { kind: 'absent', owner: 'Cs_colocation[web-with-db]', what: 'constraint', id: 'web-with-db' },
      { kind: 'absent', owner: 'Cs_order[db-before-web]', what: 'constraint', id: 'db-before-web' },
      { kind: 'absent', owner: 'Cs_clone[db-clone]', what: 'resource', id: 'db-clone' },
      { kind: 'absent', owner: 'Cs_primitive[db]', what: 'resource', id: 'db' },
      { kind: 'property', owner: 'Cs_property[no-quorum-policy]', name: 'no-quorum-policy', value: undefined },
    ];
    const result = await (await cib.open()).commit(absent);
    expect(result.changes.map((change) => change.operation)).toEqual(['delete', 'delete', 'delete', 'delete']);
    expect(result.changes[0]!.summary).toMatch(/^- (colocation|order) /);
    const model = (await cib.open()).model;
    expect([...model.resources.keys()]).toEqual(['web']);
    expect([...model.constraints.keys()]).toEqual(['web-on-node-1']);
    expect(model.clusterProperties['no-quorum-policy']).toBeUndefined();
    expect((await cib.verify()).ok).toBe(true);
  });

  it('removing a property or resource default that is not set changes nothing', async () => {
    const result = await (await cib.open()).commit([
      { kind: 'property', owner: 'Cs_property[x]', name: 'maintenance-mode', value: undefined },
      { kind: 'rsc_default', owner: 'Cs_rsc_defaults[y]', name: 'migration-threshold', value: undefined },
    ]);
    expect(result.changes).toEqual([]);
  });

  it('leaves a foreign resource added between runs alone', async () => {
    await (await cib.open()).commit(site());
    await cib.cibadmin('--create', '-o', 'resources', '--xml-text', '<primitive id="foreign" class="ocf" provider="pacemaker" type="Dummy"/>');
    await cib.cibadmin('--create', '-o', 'constraints', '--xml-text', '<rsc_location id="foreign-loc" rsc="foreign" node="node-2" score="50"/>');
    const result = await (await cib.open()).commit(site());
    expect(result.changed).toBe(false);
    const model = (await cib.open()).model;
    expect(model.resources.has('foreign')).toBe(true);
    expect(model.constraints.has('foreign-loc')).toBe(true);
  });

  it('retries when the CIB changes between read and write, losing neither change', async () => {
    const session = await cib.open();
    let raced = 0;
    const result = await session.commit(site(), {
      beforeSend: async () => {
        if (raced++ > 0) return;
        await cib.cibadmin('--create', '-o', 'resources', '--xml-text', '<primitive id="other-admin" class="ocf" provider="pacemaker" type="Dummy"/>');
      },
    });
    expect(result.attempts).toBe(2);
    const model = (await cib.open()).model;
    expect(model.resources.has('other-admin')).toBe(true);
    expect(model.resources.has('web')).toBe(true);
    expect(model.constraints.has('web-with-db')).toBe(true);
  });

  it('gives up with a clear error when the CIB keeps changing, having written nothing of its own', async () => {
    const session = await cib.open();
    let counter = 0;
    const attempt = session.commit(site(), {
      beforeSend: async () => {
        await cib.cibadmin('--create', '-o', 'resources', '--xml-text', `<primitive id="busy-${counter++}" class="ocf" provider="pacemaker" type="Dummy"/>`);
      },
    });
    await expect(attempt).rejects.toThrow(/kept changing.*gave up after 5 attempts/);
    expect((await cib.open()).model.resources.has('web')).toBe(false);
  });

  it('rejects an invalid configuration with Pacemaker\'s message and leaves the CIB unchanged', async () => {
    await (await cib.open()).commit(site());
    const before = await cib.epoch();
    const snapshot = await cib.cibadmin('--query', '--scope', 'configuration');
    // A colocation with the primitive inside a clone: Pacemaker ignores it as an invalid constraint.
    const invalid = [...site(), { kind: 'colocation', owner: 'Cs_colocation[bad]', id: 'bad', rsc: 'web', withRsc: 'db', score: 'INFINITY' } as DesiredItem];
    const error = await (await cib.open()).commit(invalid).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CibPatchError);
    expect((error as CibPatchError).message).toMatch(/Ignoring constraint 'bad' because 'db' is not a valid resource/);
    expect((error as CibPatchError).owners).toEqual(['Cs_colocation[bad]']);
    expect(await cib.epoch()).toBe(before);
    expect(await cib.cibadmin('--query', '--scope', 'configuration')).toBe(snapshot);
  });

  it('rejects a schema violation (bad op value) before sending anything', async () => {
    const session = await cib.open();
    const before = await cib.epoch();
    const invalid = [dummy('x', { operations: [{ name: 'monitor', interval: '10s', options: { 'on-fail': 'explode' } }] })];
    await expect(session.commit(invalid)).rejects.toThrow(/does not conform to the configured schema/);
    expect(await cib.epoch()).toBe(before);
  });

  it('refuses an agent the node does not have, or a parameter the agent does not take, writing nothing', async () => {
    const session = await cib.open();
    const before = await cib.epoch();
    await expect(session.commit([dummy('ghost', { type: 'NoSuchAgent' })])).rejects.toThrow(/Cs_primitive\[ghost\]: resource agent ocf:pacemaker:NoSuchAgent is not available/);
    await expect(session.commit([dummy('typo', { parameters: { stat: '/run/x' } })])).rejects.toThrow(/Cs_primitive\[typo\]: ocf:pacemaker:Dummy has no parameter stat \(it takes: .*state/);
    expect(await cib.epoch()).toBe(before);
  });

  it('names a constraint on a resource that does not exist before asking Pacemaker', async () => {
    const items: DesiredItem[] = [{ kind: 'location', owner: 'Cs_location[ghost]', id: 'ghost', rsc: 'nope', node: 'node-1', score: '100' }];
    await expect((await cib.open()).commit(items)).rejects.toThrow(/Cs_location\[ghost\]: constraint ghost refers to resource nope, which does not exist/);
  });

  it('predicts the transition in noop mode without writing', async () => {
    const session = await cib.open();
    const before = await cib.epoch();
    const result = await session.commit(site(), { noop: true });
    expect(result.changed).toBe(false);
    expect(await cib.epoch()).toBe(before);
    expect(result.notes.map((note) => note.line)).toContain('+ location web-on-node-1 web node-1 100');
    expect(result.transition?.filter((action) => action.action === 'start').map((action) => action.resource).sort()).toEqual(['db:0', 'db:1', 'web']);
  });
});
