// The timeout a pacemaker service waits for, compared with the one Pacemaker itself gives the
// action: crm_simulate's transition graph on the same CIB file carries the scheduler's resolved
// timeout (CRM_meta_timeout) of every start, so op attributes, op meta_attributes and op_defaults
// sets with scores and rules are checked against the real scheduler, not against our reading of
// the documentation.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTransport } from '../../../src/backends/transport.js';
import { CibSession, childrenNamed, parseXml, type CibPrimitive } from '../../../src/backends/cib/index.js';
import { OcfMetadataCache } from '../../../src/providers/pacemaker/ocf-metadata.js';
import { PacemakerServiceControl } from '../../../src/providers/pacemaker/service-control.js';
import { cibActionTimeout } from '../../../src/providers/pacemaker/service-timeout.js';

const transport = new LocalTransport();
let dir: string;
let cibFile: string;

const RESOURCES = [
  // ocf:heartbeat:apache recommends 40s for start: Pacemaker does not use that.
  '<primitive id="plain" class="ocf" provider="heartbeat" type="apache"/>',
  '<primitive id="own" class="ocf" provider="heartbeat" type="apache"><operations><op id="own-start" name="start" interval="0" timeout="33s"/></operations></primitive>',
  // The op's attribute beats its meta_attributes.
  '<primitive id="both" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="both-start" name="start" interval="0" timeout="11s">' +
    '<meta_attributes id="both-start-meta"><nvpair id="both-start-meta-timeout" name="timeout" value="12s"/></meta_attributes></op></operations></primitive>',
  '<primitive id="meta" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="meta-start" name="start" interval="0">' +
    '<meta_attributes id="meta-start-meta"><nvpair id="meta-start-meta-timeout" name="timeout" value="13s"/></meta_attributes></op></operations></primitive>',
  // An op without a timeout still takes op_defaults.
  '<primitive id="bare" class="ocf" provider="pacemaker" type="Stateful"><operations><op id="bare-start" name="start" interval="0"/></operations></primitive>',
  '<primitive id="dummy" class="ocf" provider="pacemaker" type="Dummy"/>',
];

// Unscored (0) for everything; score 10 for every start; score 20 for Dummy's operations; score 100
// for stops only (never a start).
const OP_DEFAULTS =
  '<op_defaults>' +
  '<meta_attributes id="opd-all"><nvpair id="opd-all-timeout" name="timeout" value="77s"/></meta_attributes>' +
  '<meta_attributes id="opd-start" score="10"><rule id="opd-start-rule" score="INFINITY"><op_expression id="opd-start-op" name="start"/></rule>' +
  '<nvpair id="opd-start-timeout" name="timeout" value="99s"/></meta_attributes>' +
  '<meta_attributes id="opd-dummy" score="20"><rule id="opd-dummy-rule" score="INFINITY"><rsc_expression id="opd-dummy-rsc" class="ocf" provider="pacemaker" type="Dummy"/></rule>' +
  '<nvpair id="opd-dummy-timeout" name="timeout" value="88s"/></meta_attributes>' +
  '<meta_attributes id="opd-stop" score="100"><rule id="opd-stop-rule" score="INFINITY"><op_expression id="opd-stop-op" name="stop"/></rule>' +
  '<nvpair id="opd-stop-timeout" name="timeout" value="44s"/></meta_attributes>' +
  '</op_defaults>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-svc-timeout-'));
  cibFile = join(dir, 'cib.xml');
  await CibSession.open({ transport, cibFile });
  const env = { CIB_file: cibFile };
  for (const xml of RESOURCES) await execa('cibadmin', ['--create', '-o', 'resources', '--xml-text', xml], { env });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Pacemaker's own start timeout of every resource: CRM_meta_timeout in crm_simulate's transition graph. */
async function schedulerStartTimeouts(): Promise<Record<string, number>> {
  const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}.xml`);
  const graph = join(dir, 'graph.xml');
  await execa('cp', [cibFile, copy]);
  await execa('crm_simulate', ['--xml-file', copy, '--quorum', '1', '--save-graph', graph]);
  const timeouts: Record<string, number> = {};
  for (const op of childrenNamed(parseXml(await readFile(graph, 'utf8')), 'synapse').flatMap((s) => childrenNamed(s, 'action_set')).flatMap((a) => childrenNamed(a, 'rsc_op'))) {
    const key = op.attributes.operation_key ?? '';
    const attributes = childrenNamed(op, 'attributes')[0]?.attributes ?? {};
    if (key.endsWith('_start_0') && attributes.CRM_meta_timeout) timeouts[key.replace(/_start_0$/, '')] = Number(attributes.CRM_meta_timeout);
  }
  return timeouts;
}

async function papplyTimeouts(): Promise<Record<string, number | undefined>> {
  const session = await CibSession.open({ transport, cibFile });
  const ids = ['plain', 'own', 'both', 'meta', 'bare', 'dummy'];
  return Object.fromEntries(ids.map((id) => [id, cibActionTimeout(session.model, session.model.resources.get(id) as CibPrimitive, 'start')?.ms]));
}

describe('service wait timeouts from the CIB, as Pacemaker resolves them', () => {
  it('without op_defaults: the op (attribute before meta_attributes), and Pacemaker ignores the agent metadata', async () => {
    const scheduler = await schedulerStartTimeouts();
    expect(scheduler).toEqual({ plain: 20_000, own: 33_000, both: 11_000, meta: 13_000, bare: 20_000, dummy: 20_000 });
    const papply = await papplyTimeouts();
    expect(papply).toEqual({ plain: undefined, own: 33_000, both: 11_000, meta: 13_000, bare: undefined, dummy: undefined });
    // Nothing in the CIB: papply waits what the agent recommends (apache: 40s), not Pacemaker's 20s.
    const session = await CibSession.open({ transport, cibFile });
    const control = new PacemakerServiceControl('plain', { transport, session, localNode: 'node-1', owner: 'Service[plain]', metadata: new OcfMetadataCache(transport), log: () => {} });
    expect(await control.timeoutFor('start')).toEqual({ ms: 40_000, source: 'the OCF metadata of ocf:heartbeat:apache' });
  });

  it('with op_defaults: op first, then the matching op_defaults set of highest score, before the agent metadata', async () => {
    await execa('cibadmin', ['--create', '-o', 'configuration', '--xml-text', OP_DEFAULTS], { env: { CIB_file: cibFile } });
    const scheduler = await schedulerStartTimeouts();
    expect(scheduler).toEqual({ plain: 99_000, own: 33_000, both: 11_000, meta: 13_000, bare: 99_000, dummy: 88_000 });
    expect(await papplyTimeouts()).toEqual(scheduler);
    const session = await CibSession.open({ transport, cibFile });
    const control = (name: string) =>
      new PacemakerServiceControl(name, { transport, session, localNode: 'node-1', owner: `Service[${name}]`, metadata: new OcfMetadataCache(transport), log: () => {} });
    expect(await control('plain').timeoutFor('start')).toEqual({ ms: 99_000, source: 'the CIB op_defaults (opd-start)' });
    expect(await control('dummy').timeoutFor('stop')).toEqual({ ms: 44_000, source: 'the CIB op_defaults (opd-stop)' });
    expect(await control('own').timeoutFor('start')).toEqual({ ms: 33_000, source: 'the op timeout in the CIB definition' });
    expect(await control('plain').timeoutFor('start').then((t) => t.ms)).not.toBe(40_000);
  });
});
