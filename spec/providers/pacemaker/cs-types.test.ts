// The cs_* types applied through the engine (catalog → transaction → batch → one CIB patch)
// to a CIB file, with the real Pacemaker CLIs.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { parseCib } from '../../../src/backends/cib/index.js';
import { apply, catalogOf, type Declared } from '../../engine/helpers.js';
import { cibFixture, type CibFixture } from '../../cib/support.js';

let cib: CibFixture;
beforeEach(() => {
  cib = cibFixture();
});
afterEach(() => cib.cleanup());

const run = (resources: Declared[], extra: { noop?: boolean } = {}) =>
  apply(catalogOf(resources), { options: { cibFile: cib.file, nodes: ['node-1', 'node-2', 'node-3'] }, level: 'info', ...extra });

const model = async () => parseCib((await execa('cibadmin', ['--query'], { env: { CIB_file: cib.file } })).stdout);

const site = (vip = '192.0.2.10'): Declared[] => [
  { type: 'cs_property', title: 'no-quorum-policy', parameters: { value: 'ignore' } },
  { type: 'cs_rsc_defaults', title: 'resource-stickiness', parameters: { value: '100' } },
  { type: 'cs_primitive', title: 'vip', parameters: {
    primitive_class: 'ocf', provided_by: 'heartbeat', primitive_type: 'IPaddr2',
    parameters: { ip: vip, cidr_netmask: 24 },
    operations: { monitor: { interval: '10s', timeout: '20s' }, start: { timeout: '30s' } },
    metadata: { 'migration-threshold': '3' },
  } },
  { type: 'cs_primitive', title: 'haproxy', parameters: {
    primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy',
    operations: [{ monitor: { interval: '20' } }],
  } },
  { type: 'cs_clone', title: 'haproxy-clone', parameters: { primitive: 'haproxy', interleave: true, clone_max: 2 } },
  { type: 'cs_primitive', title: 'galera', parameters: {
    primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Stateful', promotable: true,
    operations: [{ monitor: { interval: '11s', role: 'Unpromoted' } }, { monitor: { interval: '10s', role: 'Promoted' } }],
    ms_metadata: { 'promoted-max': 1, notify: true },
  } },
  { type: 'cs_primitive', title: 'web1', parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy' } },
  { type: 'cs_primitive', title: 'web2', parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy' } },
  { type: 'cs_group', title: 'web', parameters: { primitives: ['web1', 'web2'] } },
  { type: 'cs_location', title: 'vip-on-node-1', parameters: { primitive: 'vip', node_name: 'node-1', score: '100', resource_discovery: 'always' } },
  { type: 'cs_location', title: 'vip-ping', parameters: { primitive: 'vip', rules: [
    { 'vip-ping-rule': { score: '-INFINITY', 'boolean-op': 'or', expression: [{ attribute: 'pingd', operation: 'not_defined' }, { attribute: 'pingd', operation: 'lte', value: '0' }] } },
  ] } },
  { type: 'cs_colocation', title: 'vip-with-haproxy', parameters: { primitives: ['haproxy-clone', 'vip'] } },
  { type: 'cs_colocation', title: 'web-with-galera-master', parameters: { primitives: ['ms_galera:Promoted', 'web'], score: 'INFINITY' } },
  { type: 'cs_order', title: 'haproxy-before-vip', parameters: { first: 'haproxy-clone', second: 'vip' } },
  { type: 'cs_order', title: 'galera-promote-before-web', parameters: { first: 'ms_galera:promote', second: 'web', kind: 'Optional', symmetrical: false } },
  { type: 'cs_shadow', title: 'shadow' },
  { type: 'cs_commit', title: 'shadow' },
];

describe('cs_* types on a CIB file', () => {
  it('creates a whole site with one CIB write, crm_verify clean; a second run changes nothing', async () => {
    const first = await run(site());
    expect(first.report.status).toBe('changed');
    expect(first.lines.filter((line) => line.startsWith('Error'))).toEqual([]);
    expect(await cib.verify()).toMatchObject({ ok: true });
    const epochAfterFirst = await cib.epoch();
    // File creation is one write-free step; the whole site is exactly one patch.
    expect(first.lines.filter((line) => /CIB patch applied/.test(line))).toHaveLength(1);

    const m = await model();
    expect(m.resources.get('vip')).toMatchObject({ kind: 'primitive', type: 'IPaddr2', parameters: { ip: '192.0.2.10', cidr_netmask: '24' }, meta: { 'migration-threshold': '3' } });
    expect(m.resources.get('haproxy-clone')).toMatchObject({ kind: 'clone', child: 'haproxy', meta: { interleave: 'true', 'clone-max': '2' } });
    expect(m.resources.get('ms_galera')).toMatchObject({ kind: 'clone', promotable: true, child: 'galera', meta: { 'promoted-max': '1', notify: 'true' } });
    expect(m.resources.get('web')).toMatchObject({ kind: 'group', members: ['web1', 'web2'] });
    expect(m.constraints.get('vip-with-haproxy')).toMatchObject({ rsc: 'vip', withRsc: 'haproxy-clone', score: 'INFINITY' });
    expect(m.constraints.get('web-with-galera-master')).toMatchObject({ rsc: 'web', withRsc: 'ms_galera', withRscRole: 'Promoted' });
    expect(m.constraints.get('galera-promote-before-web')).toMatchObject({ first: 'ms_galera', firstAction: 'promote', then: 'web', thenAction: 'start', kindAttribute: 'Optional', symmetrical: 'false' });
    expect(m.constraints.get('vip-on-node-1')).toMatchObject({ rsc: 'vip', node: 'node-1', score: '100', resourceDiscovery: 'always' });
    expect(m.constraints.get('vip-ping')).toMatchObject({ rules: [{ id: 'vip-ping-rule', score: '-INFINITY', booleanOp: 'or' }] });
    expect(m.clusterProperties['no-quorum-policy']).toBe('ignore');
    expect(m.rscDefaults['resource-stickiness']).toBe('100');
    const vip = m.resources.get('vip');
    expect(vip?.kind === 'primitive' && vip.operations.map((op) => op.id).sort()).toEqual(['vip-monitor-10s', 'vip-start-0s']);

    const second = await run(site());
    expect(second.report.status).toBe('unchanged');
    expect(await cib.epoch()).toBe(epochAfterFirst);
  });

  it('changes one parameter with one write, epoch +1, reported on that resource only', async () => {
    await run(site());
    const before = await cib.epoch();
    const result = await run(site('192.0.2.20'));
    expect(await cib.epoch()).toBe(before + 1);
    expect(result.lines).toContainEqual(expect.stringMatching(/Cs_primitive\[vip\]\/parameters: parameters changed .*'192.0.2.10'.* to .*'192.0.2.20'/));
    expect(result.lines).toContainEqual(expect.stringMatching(/Cs_primitive\[vip\]: CIB: ~ vip params ip: 192.0.2.10 -> 192.0.2.20/));
    expect(result.report.resource_statuses?.['Cs_primitive[haproxy]']?.changed ?? false).toBe(false);
  });

  it('keeps target-role set by the service provider, and foreign resources', async () => {
    await run(site());
    await cib.cibadmin('--create', '-o', 'resources', '--xml-text', '<primitive id="foreign" class="ocf" provider="pacemaker" type="Dummy"/>');
    await execa('crm_resource', ['--resource', 'vip', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped'], { env: { CIB_file: cib.file } });
    const before = await cib.epoch();
    const result = await run(site());
    expect(result.report.status).toBe('unchanged');
    expect(await cib.epoch()).toBe(before);
    const m = await model();
    expect(m.resources.get('vip')?.meta['target-role']).toBe('Stopped');
    expect(m.resources.has('foreign')).toBe(true);
  });

  it('removes resources marked absent, constraints first, in one write', async () => {
    await run(site());
    const absent = site().map((declared) => (['vip', 'vip-on-node-1', 'vip-ping', 'vip-with-haproxy', 'haproxy-before-vip'].includes(declared.title)
      ? { ...declared, parameters: { ...declared.parameters, ensure: 'absent' } } : declared));
    const before = await cib.epoch();
    const result = await run(absent);
    expect(result.lines.filter((line) => line.startsWith('Error'))).toEqual([]);
    expect(await cib.epoch()).toBe(before + 1);
    const m = await model();
    expect(m.resources.has('vip')).toBe(false);
    expect(['vip-on-node-1', 'vip-ping', 'vip-with-haproxy', 'haproxy-before-vip'].filter((id) => m.constraints.has(id))).toEqual([]);
    expect(await cib.verify()).toMatchObject({ ok: true });
  });

  it('regroups and unclones: group order change, clone removed while its primitive stays', async () => {
    await run(site());
    const changed = site().map((declared) => {
      if (declared.title === 'web') return { ...declared, parameters: { primitives: ['web2', 'web1'] } };
      if (declared.title === 'haproxy-clone') return { ...declared, parameters: { ...declared.parameters, ensure: 'absent' } };
      if (declared.title === 'vip-with-haproxy') return { ...declared, parameters: { primitives: ['haproxy', 'vip'] } };
      if (declared.title === 'haproxy-before-vip') return { ...declared, parameters: { first: 'haproxy', second: 'vip' } };
      return declared;
    });
    const result = await run(changed);
    expect(result.lines.filter((line) => line.startsWith('Error'))).toEqual([]);
    expect(await cib.verify()).toMatchObject({ ok: true });
    const m = await model();
    expect(m.resources.get('web')).toMatchObject({ members: ['web2', 'web1'] });
    expect(m.resources.has('haproxy-clone')).toBe(false);
    expect(m.resources.get('haproxy')).toMatchObject({ kind: 'primitive', parent: undefined });
    expect((await run(changed)).report.status).toBe('unchanged');
  });

  it('fails every cs_* resource of the batch with Pacemaker\'s message when the patch is invalid, writing nothing', async () => {
    await run(site());
    const before = await cib.epoch();
    const invalid = [...site('192.0.2.30'), { type: 'cs_colocation', title: 'bad', parameters: { primitives: ['galera', 'vip'] } }];
    const result = await run(invalid);
    expect(result.report.status).toBe('failed');
    expect(result.lines).toContainEqual(expect.stringMatching(/Cs_colocation\[bad\].*Ignoring constraint 'bad' because 'galera' is not a valid resource/));
    expect(await cib.epoch()).toBe(before);
  });

  it('noop prints the readable diff and the predicted transition, and writes nothing', async () => {
    const result = await run(site(), { noop: true });
    expect(result.lines).toContainEqual(expect.stringMatching(/Cs_primitive\[vip\]: CIB: \+ primitive vip ocf:heartbeat:IPaddr2 ip=192.0.2.10 cidr_netmask=24/));
    expect(result.lines).toContainEqual(expect.stringMatching(/Pacemaker would: Start haproxy:0 on node-1;.* Start galera:0/));
    expect(result.lines).toContainEqual('Notice: /Stage[main]/Main/Cs_rsc_defaults[resource-stickiness]: CIB: + rsc_defaults resource-stickiness=100');
    expect((await model()).resources.size).toBe(0);
  });

  it('noop previews split by a dependent build on each other; false means unset (openstack_extras style)', async () => {
    const resources: Declared[] = [
      { type: 'cs_primitive', title: 'p', parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy', parameters: false, operations: false, metadata: false } },
      { type: 'notify', title: 'between', parameters: { require: 'Cs_primitive[p]' } },
      { type: 'cs_clone', title: 'p-clone', parameters: { primitive: 'p', require: 'Notify[between]' } },
    ];
    const preview = await run(resources, { noop: true });
    expect(preview.lines.filter((line) => line.startsWith('Error'))).toEqual([]);
    expect(preview.lines).toContainEqual(expect.stringMatching(/Cs_clone\[p-clone\]: CIB: \+ clone p-clone p$/));
    expect(preview.lines.filter((line) => /CIB: \+ primitive p /.test(line))).toHaveLength(1);
    expect((await model()).resources.size).toBe(0);
    const applied = await run(resources);
    expect(applied.lines.filter((line) => /CIB patch applied/.test(line))).toHaveLength(2);
    expect((await model()).resources.get('p')).toMatchObject({ parent: 'p-clone', parameters: {} });
  });

  it('writes a colocation of three resources as one ordered resource set, idempotently', async () => {
    const resources: Declared[] = [
      ...['x', 'y', 'z'].map((title) => ({ type: 'cs_primitive', title, parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy' } })),
      { type: 'cs_colocation', title: 'xyz', parameters: { primitives: ['x', 'y', 'z'] } },
    ];
    expect((await run(resources)).report.status).toBe('changed');
    expect(await cib.verify()).toMatchObject({ ok: true });
    expect((await model()).constraints.get('xyz')).toMatchObject({ set: ['x', 'y', 'z'], score: 'INFINITY' });
    expect((await run(resources)).report.status).toBe('unchanged');
  });

  it('accepts provider => crm and provider => pcs as the same patch provider', async () => {
    const resources: Declared[] = [
      { type: 'cs_primitive', title: 'a', parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy', provider: 'crm' } },
      { type: 'cs_primitive', title: 'b', parameters: { primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy', provider: 'pcs' } },
      { type: 'cs_order', title: 'a-then-b', parameters: { first: 'a', second: 'b', provider: 'crm' } },
    ];
    const result = await run(resources);
    expect(result.report.status).toBe('changed');
    expect(result.lines.filter((line) => /CIB patch applied/.test(line))).toHaveLength(1);
    expect([...(await model()).resources.keys()].sort()).toEqual(['a', 'b']);
  });
});
