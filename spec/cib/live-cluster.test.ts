// The same cs_* catalog applied to the real 3-node cluster (live backend, run "on" node-1 through
// its namespaces) and to a CIB file gives the same configuration; a second live run writes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CibSession, parseCib, parseXml, type CibModel, type DesiredItem, type XmlElement } from '../../src/backends/cib/index.js';
import { acquireCluster, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { apply, catalogOf, type Declared } from '../engine/helpers.js';
import { cibFixture, dummy, type CibFixture } from './support.js';

const PRIMITIVES = ['live-a', 'live-b', 'live-c', 'live-s'];
const TOP_LEVEL = ['live-a', 'live-group', 'live-c-clone', 'ms_live-s'];
const WHOLE = ['live-w1', 'live-w2', 'live-w3'];

const site: Declared[] = [
  ...['live-a', 'live-b', 'live-c'].map((title) => ({ type: 'cs_primitive', title, parameters: {
    primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Dummy',
    parameters: { state: `/run/${title}.state` }, operations: { monitor: { interval: '15s', timeout: '20s' } },
    metadata: { 'target-role': 'Stopped' },
  } })),
  { type: 'cs_primitive', title: 'live-s', parameters: {
    primitive_class: 'ocf', provided_by: 'pacemaker', primitive_type: 'Stateful', promotable: true,
    metadata: { 'target-role': 'Stopped' }, ms_metadata: { 'promoted-max': '1' },
  } },
  { type: 'cs_group', title: 'live-group', parameters: { primitives: ['live-b'] } },
  { type: 'cs_clone', title: 'live-c-clone', parameters: { primitive: 'live-c', interleave: true } },
  { type: 'cs_location', title: 'live-a-on-node-2', parameters: { primitive: 'live-a', node_name: 'node-2', score: '50' } },
  { type: 'cs_colocation', title: 'live-a-with-group', parameters: { primitives: ['live-group', 'live-a'] } },
  { type: 'cs_order', title: 'live-s-before-a', parameters: { first: 'ms_live-s:promote', second: 'live-a' } },
];

/** What papply manages, without cluster-private details (ids of sets, dc-version ...). */
function managed(model: CibModel) {
  const resources = [...model.resources.values()]
    .filter((r) => PRIMITIVES.includes(r.id) || TOP_LEVEL.includes(r.id))
    .map(({ element: _element, path: _path, ...rest }) => rest)
    .sort((a, b) => a.id.localeCompare(b.id));
  const constraints = [...model.constraints.values()]
    .filter((c) => c.id.startsWith('live-'))
    .map(({ element: _element, path: _path, ...rest }) => rest)
    .sort((a, b) => a.id.localeCompare(b.id));
  return { resources, constraints };
}

describe.skipIf(clusterSkipReason())('cs_* on the live namespace cluster', () => {
  let cluster: Cluster;
  let file: CibFixture;

  /** Constraints first (order and colocation name resources without `rsc`), then the resources. */
  async function removeSite(): Promise<void> {
    await cluster.run(1, 'cibadmin', ['--delete-all', '--xpath', "//constraints/*[starts-with(@id,'live-')]", '--force']);
    await cluster.removeResources([...TOP_LEVEL, ...WHOLE]);
  }

  /** `<resource>_last_0` on node-1 (operation and call-id): a restart replaces it. */
  async function lastOperations(ids: readonly string[]): Promise<Record<string, string>> {
    const find = (node: XmlElement, name: string, id: string): XmlElement | undefined => node.children.find((child) => child.name === name && (child.attributes.id === id || child.attributes.uname === id));
    const status = parseXml(await cluster.check(1, 'cibadmin', ['--query', '--scope', 'status']));
    const nodeOne = find(status, 'node_state', 'node-1');
    const resources = nodeOne?.children.find((child) => child.name === 'lrm')?.children.find((child) => child.name === 'lrm_resources');
    return Object.fromEntries(ids.map((id) => {
      const op = resources && find(resources, 'lrm_resource', id)?.children.find((child) => child.attributes.id === `${id}_last_0`);
      return [id, op ? `${op.attributes.operation}#${op.attributes['call-id']} rc=${op.attributes['rc-code']}` : 'none'];
    }));
  }

  beforeAll(async () => {
    cluster = await acquireCluster();
    await cluster.waitForMembers(3);
    await removeSite();
    file = cibFixture();
  });
  afterAll(async () => {
    if (cluster) await removeSite();
    file?.cleanup();
    await cluster?.release();
  });

  it('gives the configuration a CIB file gets, in one write; a second run writes nothing', async () => {
    const transport = await cluster.transport(1);
    const live = await apply(catalogOf(site), { transport, options: {}, level: 'info' });
    expect(live.lines.filter((line) => line.startsWith('Error'))).toEqual([]);
    expect(live.lines.filter((line) => /CIB patch applied to the live cluster CIB on node-1/.test(line))).toHaveLength(1);
    const onFile = await apply(catalogOf(site), { options: { cibFile: file.file }, level: 'info' });
    expect(onFile.lines.filter((line) => line.startsWith('Error'))).toEqual([]);

    const liveModel = parseCib(await cluster.check(2, 'cibadmin', ['--query']));
    const fileModel = parseCib(await file.cibadmin('--query'));
    expect(managed(liveModel)).toEqual(managed(fileModel));
    expect(managed(liveModel).resources).toHaveLength(PRIMITIVES.length + 3);

    const epoch = liveModel.version.epoch;
    const again = await apply(catalogOf(site), { transport, options: {}, level: 'info' });
    expect(again.report.status).toBe('unchanged');
    expect(parseCib(await cluster.check(1, 'cibadmin', ['--query'])).version.epoch).toBe(epoch);
  });

  it('a section sent whole restarts nothing that runs (threshold 0: every patch sends its sections whole)', async () => {
    const transport = await cluster.transport(1);
    const onNodeOne = (id: string): DesiredItem => ({ kind: 'location', owner: `Cs_location[${id}]`, id: `live-${id}-on-node-1`, rsc: id, node: 'node-1', score: '100' });
    const running: DesiredItem[] = ['live-w1', 'live-w2'].flatMap((id) => [dummy(id, { parameters: { state: `/run/${id}.state` }, meta: { 'target-role': 'Started' } }), onNodeOne(id)]);
    await (await CibSession.open({ transport })).commit(running);
    await cluster.check(1, 'crm_resource', ['--wait', '--timeout', '60s']);
    const before = await lastOperations(['live-w1', 'live-w2']);
    expect(Object.values(before).every((op) => /^start#\d+ rc=0$/.test(op)), JSON.stringify(before)).toBe(true);

    const whole = await (await CibSession.open({ transport, sectionRewriteThreshold: 0 })).commit([...running, dummy('live-w3', { meta: { 'target-role': 'Stopped' } }), onNodeOne('live-w3')]);
    expect(whole.patch).toContain('<change operation="delete" path="/cib/configuration/resources"');
    expect(whole.patch).toContain('<change operation="delete" path="/cib/configuration/constraints"');
    await cluster.check(1, 'crm_resource', ['--wait', '--timeout', '60s']);
    expect(await lastOperations(['live-w1', 'live-w2'])).toEqual(before);
    const model = parseCib(await cluster.check(2, 'cibadmin', ['--query']));
    expect(model.resources.get('live-w3')?.meta['target-role']).toBe('Stopped');
    expect(model.constraints.has('live-live-w3-on-node-1')).toBe(true);
  });
});
