// The same cs_* catalog applied to the real 3-node cluster (live backend, run "on" node-1 through
// its namespaces) and to a CIB file gives the same configuration; a second live run writes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCib, type CibModel } from '../../src/backends/cib/index.js';
import { acquireCluster, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { apply, catalogOf, type Declared } from '../engine/helpers.js';
import { cibFixture, type CibFixture } from './support.js';

const PRIMITIVES = ['live-a', 'live-b', 'live-c', 'live-s'];
const TOP_LEVEL = ['live-a', 'live-group', 'live-c-clone', 'ms_live-s'];

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
    await cluster.removeResources(TOP_LEVEL);
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
});
