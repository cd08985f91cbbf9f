// The pacemaker service controller on a CIB file: crm_simulate plays the cluster, so start/stop
// change the real status section of the file, and names, timeouts and errors resolve as on a cluster.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTransport } from '../../../src/backends/transport.js';
import { CibSession } from '../../../src/backends/cib/index.js';
import { OcfMetadataCache } from '../../../src/providers/pacemaker/ocf-metadata.js';
import { PacemakerServiceControl, DEFAULT_TIMEOUT_MS, type ServiceControlOptions } from '../../../src/providers/pacemaker/service-control.js';
import { parseClusterStatus } from '../../../src/providers/pacemaker/lrm-status.js';

let dir: string;
let cibFile: string;
const transport = new LocalTransport();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-svc-'));
  cibFile = join(dir, 'cib.xml');
  await CibSession.open({ transport, cibFile }); // creates the file with node-1..3 online
  const env = { CIB_file: cibFile };
  await execa('crm_attribute', ['--type', 'crm_config', '--name', 'symmetric-cluster', '--update', 'false'], { env });
  const create = (xml: string) => execa('cibadmin', ['--create', '-o', 'resources', '--xml-text', xml], { env });
  await create('<primitive id="p_web" class="ocf" provider="pacemaker" type="Dummy"><operations>' +
    '<op id="p_web-start-0" name="start" interval="0" timeout="42s"/></operations></primitive>');
  await create('<clone id="p_lb-clone"><primitive id="p_lb" class="ocf" provider="pacemaker" type="Dummy"/></clone>');
  await create('<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">' +
    '<instance_attributes id="vip-ia"><nvpair id="vip-ia-ip" name="ip" value="10.213.0.100"/></instance_attributes></primitive>');
  await create('<clone id="ms_p_db"><meta_attributes id="ms_p_db-meta"><nvpair id="ms_p_db-meta-promotable" name="promotable" value="true"/>' +
    '</meta_attributes><primitive id="p_db" class="ocf" provider="pacemaker" type="Stateful"/></clone>');
  await create('<primitive id="p_custom" class="ocf" provider="papply" type="NoSuchAgent"/>');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function control(name: string, localNode = 'node-1', extra: Partial<ServiceControlOptions> = {}): Promise<{ control: PacemakerServiceControl; logs: string[] }> {
  const logs: string[] = [];
  const session = await CibSession.open({ transport, cibFile });
  const options: ServiceControlOptions = {
    transport,
    session,
    localNode,
    owner: `Service[${name}]`,
    metadata: new OcfMetadataCache(transport),
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...extra,
  };
  return { control: new PacemakerServiceControl(name, options), logs };
}

async function statesOf(primitive: string): Promise<Record<string, string | undefined>> {
  const { stdout } = await execa('cibadmin', ['-Q', '-o', 'status'], { env: { CIB_file: cibFile } });
  return Object.fromEntries(parseClusterStatus(stdout).nodes.map((n) => [n.name, n.resources.get(primitive)?.state]));
}

describe('PacemakerServiceControl on a CIB file (crm_simulate plays the cluster)', () => {
  it('resolves x to p_x and a clone child to its clone; unknown names list what exists', async () => {
    const { control: web } = await control('web');
    expect(web.resolve()).toMatchObject({ unit: { id: 'p_web' }, scope: 'cluster', statusIds: ['p_web'] });
    const { control: lb } = await control('lb');
    expect(lb.resolve()).toMatchObject({ unit: { id: 'p_lb-clone' }, scope: 'local', statusIds: ['p_lb'] });
    const { control: missing } = await control('nginx');
    expect(() => missing.resolve()).toThrow(/no Pacemaker resource 'nginx' or 'p_nginx'.*existing resources: ms_p_db, p_custom, p_lb-clone, p_web, vip/);
  });

  it('starts a primitive (location for this node, target-role Started) and stops it cluster-wide', async () => {
    const { control: web, logs } = await control('web');
    expect(await web.isRunning()).toBe(false);
    const started = await web.start();
    expect(started.runningOn).toEqual(['node-1']);
    expect(await statesOf('p_web')).toMatchObject({ 'node-1': 'running' });
    const { stdout: constraints } = await execa('cibadmin', ['-Q', '-o', 'constraints'], { env: { CIB_file: cibFile } });
    expect(constraints).toContain('id="p_web-on-node-1"');
    expect(logs.some((line) => line.includes('timeout 42s from the op timeout in the CIB definition'))).toBe(true);
    await web.stop();
    expect(Object.values(await statesOf('p_web')).filter((s) => s === 'running')).toEqual([]);
    expect(await web.isRunning()).toBe(false);
  });

  it('refuses to start or stop from a node the cluster does not have, naming its nodes', async () => {
    const { control: lb } = await control('lb', 'vm');
    await expect(lb.start()).rejects.toThrow(/this node 'vm' is not a node of the .*\(its nodes: node-1, node-2, node-3\).*--node-name/);
    await expect(lb.stop()).rejects.toThrow(/this node 'vm' is not a node of the/);
    const { stdout: constraints } = await execa('cibadmin', ['-Q', '-o', 'constraints'], { env: { CIB_file: cibFile } });
    expect(constraints).not.toContain('vm');
  });

  it('starts a clone on two nodes and stops it on one only (local ban)', async () => {
    await (await control('lb', 'node-1')).control.start();
    await (await control('lb', 'node-2')).control.start();
    expect(await statesOf('p_lb')).toMatchObject({ 'node-1': 'running', 'node-2': 'running' });
    const { control: lbOn2 } = await control('lb', 'node-2');
    await lbOn2.stop();
    expect(await statesOf('p_lb')).toMatchObject({ 'node-1': 'running', 'node-2': 'stopped' });
    const { stdout: constraints } = await execa('cibadmin', ['-Q', '-o', 'constraints'], { env: { CIB_file: cibFile } });
    expect(constraints).toContain('id="cli-ban-p_lb-clone-on-node-2"');
    // Starting again on node-2 clears the ban.
    await (await control('lb', 'node-2')).control.start();
    expect(await statesOf('p_lb')).toMatchObject({ 'node-1': 'running', 'node-2': 'running' });
    const after = await execa('cibadmin', ['-Q', '-o', 'constraints'], { env: { CIB_file: cibFile } });
    expect(after.stdout).not.toContain('cli-ban-p_lb-clone-on-node-2');
  });

  it('takes the timeout from the manifest, the CIB op, the OCF metadata, then the default', async () => {
    expect(await (await control('web', 'node-1', { manifestTimeoutMs: 7000 })).control.timeoutFor('start')).toEqual({ ms: 7000, source: 'the manifest' });
    expect((await (await control('web')).control.timeoutFor('start')).ms).toBe(42_000);
    expect(await (await control('vip')).control.timeoutFor('start')).toEqual({ ms: 20_000, source: 'the OCF metadata of ocf:heartbeat:IPaddr2' });
    expect(await (await control('custom')).control.timeoutFor('start')).toEqual({ ms: DEFAULT_TIMEOUT_MS, source: 'the default' });
  });

  it('starts a promotable clone on this node, waiting start + promote from the agent metadata', async () => {
    const { control: db, logs } = await control('db', 'node-3');
    expect(db.resolve()).toMatchObject({ unit: { id: 'ms_p_db' }, scope: 'local', promotable: true, statusIds: ['p_db'] });
    expect(await db.timeoutFor('start')).toEqual({ ms: 30_000, source: 'the OCF metadata of ocf:pacemaker:Stateful' });
    const judgement = await db.start();
    expect(judgement.runningOn).toEqual(['node-3']);
    expect(['running', 'promoted']).toContain((await statesOf('p_db'))['node-3']);
    expect(logs).toContainEqual(expect.stringContaining('waiting for ms_p_db to be running on node-3'));
  });

  it('sets is-managed for enable/disable', async () => {
    const { control: web } = await control('web');
    await web.setManaged(false);
    expect((await control('web')).control.isManaged()).toBe(false);
    await (await control('web')).control.setManaged(true);
    expect((await control('web')).control.isManaged()).toBe(true);
  });
});
