// LRM status parsing against status sections written by Pacemaker's own scheduler: each CIB is
// built with cibadmin on a file and crm_simulate "executes" transitions into it (with injected
// failures where a test needs them), so the XML is what Pacemaker really writes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClusterStatus, judge, describeFailures, describeObservations } from '../../../src/providers/pacemaker/lrm-status.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papply-lrm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NODES = ['node-1', 'node-2', 'node-3'];

async function buildCib(name: string, resources: string[], constraints: string[]): Promise<string> {
  const file = join(dir, `${name}.xml`);
  const env = { CIB_file: file };
  const { stdout } = await execa('cibadmin', ['--empty']);
  await writeFile(file, stdout);
  for (const [index, node] of NODES.entries()) {
    await execa('cibadmin', ['--create', '-o', 'nodes', '--xml-text', `<node id="${index + 1}" uname="${node}"/>`], { env });
  }
  for (const [name, value] of [['stonith-enabled', 'false'], ['symmetric-cluster', 'false']]) {
    await execa('crm_attribute', ['--type', 'crm_config', '--name', name!, '--update', value!], { env });
  }
  for (const xml of resources) await execa('cibadmin', ['--create', '-o', 'resources', '--xml-text', xml], { env });
  for (const xml of constraints) await execa('cibadmin', ['--create', '-o', 'constraints', '--xml-text', xml], { env });
  return file;
}

/** Runs the scheduler `rounds` times on the file (each round executes one transition). */
async function simulate(file: string, rounds: number, extra: string[] = []): Promise<string> {
  let input = file;
  for (let round = 0; round < rounds; round++) {
    const output = join(dir, `${Math.random().toString(36).slice(2)}.xml`);
    const nodesUp = round === 0 ? NODES.flatMap((n) => ['--node-up', n]) : [];
    await execa('crm_simulate', ['-x', input, '-q', 'true', ...nodesUp, ...(round === 0 ? extra : []), '-S', '-O', output]);
    input = output;
  }
  return readFile(input, 'utf8');
}

const dummy = (id: string) =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><operations>` +
  `<op id="${id}-monitor-10s" name="monitor" interval="10s"/></operations></primitive>`;
const location = (rsc: string, node: string) => `<rsc_location id="${rsc}-on-${node}" rsc="${rsc}" node="${node}" score="0"/>`;

describe('parseClusterStatus on crm_simulate output', () => {
  it('sees a primitive running on the node it was allowed on, stopped (probed) elsewhere', async () => {
    const cib = await buildCib('primitive', [dummy('d1')], [location('d1', 'node-2')]);
    const status = parseClusterStatus(await simulate(cib, 1));
    expect(status.nodes.map((n) => n.name).sort()).toEqual(NODES);
    expect(status.nodes.every((n) => n.alive)).toBe(true);
    const byNode = Object.fromEntries(status.nodes.map((n) => [n.name, n.resources.get('d1')?.state]));
    expect(byNode).toEqual({ 'node-1': 'stopped', 'node-2': 'running', 'node-3': 'stopped' });
    const verdict = judge(status, { primitives: ['d1'], scope: 'cluster', localNode: 'node-1' }, 'running');
    expect(verdict.reached).toBe(true);
    expect(verdict.runningOn).toEqual(['node-2']);
    expect(judge(status, { primitives: ['d1'], scope: 'cluster', localNode: 'node-1' }, 'stopped').reached).toBe(false);
  });

  it('judges a clone on the local node only', async () => {
    const cib = await buildCib('clone', [`<clone id="c1-clone">${dummy('c1')}</clone>`], [location('c1-clone', 'node-1')]);
    const status = parseClusterStatus(await simulate(cib, 1));
    const scope = (localNode: string) => ({ primitives: ['c1'], scope: 'local' as const, localNode });
    expect(judge(status, scope('node-1'), 'running').reached).toBe(true);
    expect(judge(status, scope('node-2'), 'running').reached).toBe(false);
    expect(judge(status, scope('node-2'), 'stopped').reached).toBe(true);
  });

  it('reports a promotable clone promoted on one node and running on another', async () => {
    const stateful =
      '<clone id="ms_s1"><meta_attributes id="ms_s1-meta_attributes">' +
      '<nvpair id="ms_s1-meta_attributes-promotable" name="promotable" value="true"/></meta_attributes>' +
      '<primitive id="s1" class="ocf" provider="pacemaker" type="Stateful"><operations>' +
      '<op id="s1-monitor-10s" name="monitor" interval="10s" role="Promoted"/>' +
      '<op id="s1-monitor-11s" name="monitor" interval="11s" role="Unpromoted"/></operations></primitive></clone>';
    const cib = await buildCib('promotable', [stateful], [
      location('ms_s1', 'node-1'),
      location('ms_s1', 'node-2'),
      // The agent's own promotion score is not set in a simulation: prefer node-1 by constraint.
      '<rsc_location id="ms_s1-promoted-on-node-1" rsc="ms_s1" node="node-1" score="100" role="Promoted"/>',
    ]);
    const status = parseClusterStatus(await simulate(cib, 2));
    const states = Object.fromEntries(status.nodes.map((n) => [n.name, n.resources.get('s1')?.state]));
    expect(states).toEqual({ 'node-1': 'promoted', 'node-2': 'running', 'node-3': 'stopped' });
  });

  it('keeps a failed start with its exit reason, and the recovered state after it', async () => {
    const cib = await buildCib('failed', [dummy('d1')], [location('d1', 'node-2')]);
    const failedXml = await simulate(cib, 1, ['-F', 'd1_start_0@node-2=1']);
    const failed = parseClusterStatus(failedXml);
    const node2 = failed.nodes.find((n) => n.name === 'node-2')!.resources.get('d1')!;
    expect(node2.state).toBe('failed');
    expect(node2.failures).toHaveLength(1);
    expect(node2.failures[0]).toMatchObject({ operation: 'start', rcCode: 1, exitReason: 'User-injected result' });
    const verdict = judge(failed, { primitives: ['d1'], scope: 'cluster', localNode: 'node-1' }, 'running');
    expect(verdict.reached).toBe(false);
    expect(describeFailures(verdict.failures)).toEqual(['start on node-2 failed: rc=1: User-injected result']);
    expect(describeObservations(verdict.observations)).toContain('node-2=failed');

    // The next transition recovers it (stop + start); the old failure stays recorded until cleanup.
    const afterRecovery = parseClusterStatus(await simulateFrom(failedXml));
    const again = afterRecovery.nodes.find((n) => n.name === 'node-2')!.resources.get('d1')!;
    expect(again.state).toBe('running');
    expect(again.failures.map((f) => f.operation)).toEqual(['start']);
  });

  it('treats a recurring monitor that finds the resource stopped as a failure', async () => {
    const cib = await buildCib('monitor', [dummy('d1')], [location('d1', 'node-3')]);
    const running = await simulate(cib, 1);
    const injected = await simulateFrom(running, ['-i', 'd1_monitor_10000@node-3=7']);
    const status = parseClusterStatus(injected);
    const failure = status.nodes.flatMap((n) => n.resources.get('d1')?.failures ?? []);
    expect(failure.map((f) => [f.operation, f.intervalMs, f.rcCode])).toContainEqual(['monitor', 10000, 7]);
  });

  it('does not count resources on a node that left the membership', async () => {
    const cib = await buildCib('nodefail', [dummy('d1')], [location('d1', 'node-2')]);
    const running = await simulate(cib, 1);
    // node-2 fails; with stonith disabled its state stays recorded but the node is not alive.
    const afterFail = await simulateFrom(running, ['--node-fail', 'node-2']);
    const status = parseClusterStatus(afterFail);
    const node2 = status.nodes.find((n) => n.name === 'node-2')!;
    expect(node2.alive).toBe(false);
    const verdict = judge(status, { primitives: ['d1'], scope: 'cluster', localNode: 'node-1' }, 'running');
    expect(verdict.runningOn).not.toContain('node-2');
  });

  it('reads the status section alone, as cibadmin -Q -o status prints it', async () => {
    const cib = await buildCib('section', [dummy('d1')], [location('d1', 'node-1')]);
    const file = join(dir, 'section-out.xml');
    await writeFile(file, await simulate(cib, 1));
    const { stdout } = await execa('cibadmin', ['-Q', '-o', 'status'], { env: { CIB_file: file } });
    expect(stdout.trimStart().startsWith('<status')).toBe(true);
    const status = parseClusterStatus(stdout);
    expect(status.nodes.find((n) => n.name === 'node-1')!.resources.get('d1')!.state).toBe('running');
  });
});

async function simulateFrom(xml: string, extra: string[] = []): Promise<string> {
  const input = join(dir, `${Math.random().toString(36).slice(2)}-in.xml`);
  const output = join(dir, `${Math.random().toString(36).slice(2)}-out.xml`);
  await writeFile(input, xml);
  await execa('crm_simulate', ['-x', input, '-q', 'true', ...extra, '-S', '-O', output]);
  return readFile(output, 'utf8');
}
