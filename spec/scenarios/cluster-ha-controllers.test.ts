// manifests/ha_controllers.pp on the real namespace cluster, end to end: papply runs "on" each
// node (its NamespaceTransport), with Dummy/Stateful agents standing in for the daemons and the
// HAProxy files under the node's private /run. Then a 4th controller is added through the
// corosync module (corosync.conf ~> maintenance on ~> corosync-cfgtool -R ~> maintenance off) on
// node-1..3, then node-4 boots with the same member list (scripts/cluster add-node 4): it joins, its clone instances start, and nothing on node-1..3 is restarted (their
// LRM history shows no start/stop/promote/demote after the snapshot).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { XMLParser } from 'fast-xml-parser';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireClusterFor, CLUSTER_SCRIPT, clusterSkipReason, type Cluster } from '../support/cluster.js';
import { parseClusterStatus } from '../../src/providers/pacemaker/lrm-status.js';
import { applyScenario, type ScenarioRun } from './support.js';

const ROOT = '/run/papply-ha';
const CLONES = ['p_haproxy-clone', 'p_rabbitmq-server-clone', 'p_keystone-clone', 'p_glance-api-clone'];
const TOP_LEVEL = ['vip__public', ...CLONES, 'ms_p_mysql'];
const ADDRESSES = { 'node-1': '10.213.0.11', 'node-2': '10.213.0.12', 'node-3': '10.213.0.13', 'node-4': '10.213.0.14' };

function scenarioFacts(controllers: string[]): Record<string, unknown> {
  return {
    ha_controllers: {
      root: ROOT,
      controllers,
      controller_addresses: ADDRESSES,
      vips: { public: '10.213.0.100' },
      vip_agent: 'Dummy',
      manage_corosync: true,
      // As scripts/cluster writes it, so that only the member list changes.
      corosync_options: { token: 3000, logging: { to_stderr: 'yes', to_syslog: 'no', to_logfile: 'no', timestamp: 'on' } },
      // Dummy stands in for HAProxy: the "reload" checks the configuration HAProxy would load.
      haproxy_reload_command: `/usr/sbin/haproxy -c -q -f ${ROOT}/etc/haproxy/haproxy.cfg -f ${ROOT}/etc/haproxy/conf.d`,
    },
  };
}

interface Op {
  operation: string;
  callId: number;
  intervalMs: number;
  rcCode: number;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node_state', 'lrm_resource', 'lrm_rsc_op'].includes(name) });

/** node/resource → its recorded operations (the LRM history in the CIB status). */
function lrmHistory(statusXml: string): Map<string, Op[]> {
  const history = new Map<string, Op[]>();
  const status = parser.parse(statusXml).status ?? {};
  for (const state of status.node_state ?? []) {
    for (const rsc of state.lrm?.lrm_resources?.lrm_resource ?? []) {
      const ops: Op[] = (rsc.lrm_rsc_op ?? []).map((op: Record<string, string>) => ({
        operation: op.operation!,
        callId: Number(op['call-id']),
        intervalMs: Number(op.interval ?? 0),
        rcCode: Number(op['rc-code']),
      }));
      history.set(`${state.uname}/${rsc.id}`, ops);
    }
  }
  return history;
}

const STATE_CHANGES = new Set(['start', 'stop', 'promote', 'demote', 'migrate_to', 'migrate_from']);

describe.skipIf(clusterSkipReason())('manifests/ha_controllers.pp on the namespace cluster', () => {
  let cluster: Cluster;
  let dir: string;
  let fourthNodeStarted = false;

  beforeAll(async () => {
    cluster = await acquireClusterFor(TOP_LEVEL);
    dir = await mkdtemp(join(tmpdir(), 'papply-ha-cluster-'));
  }, 300_000);

  afterAll(async () => {
    if (fourthNodeStarted) {
      // Other spec files expect the three-node cluster: start again from scratch.
      await execa(CLUSTER_SCRIPT, ['down']);
    } else {
      await cluster?.removeResources(TOP_LEVEL);
    }
    for (const node of [1, 2, 3]) await cluster?.run(node, 'rm', ['-rf', ROOT]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await cluster?.release();
  }, 300_000);

  async function applyOn(node: number, controllers: string[]): Promise<ScenarioRun> {
    return applyScenario('ha_controllers', dir, scenarioFacts(controllers), { nodeName: `node-${node}` }, { transport: await cluster.transport(node) });
  }

  async function crmMon(): Promise<string> {
    return cluster.check(1, 'crm_mon', ['--one-shot', '--output-as=xml']);
  }

  /** Nodes where a clone (or primitive) has an active instance, by crm_mon. */
  function activeOn(monXml: string, rsc: string): string[] {
    const block = (new RegExp(`<clone id="${rsc}"[\\s\\S]*?</clone>`).exec(monXml) ?? new RegExp(`<resource id="${rsc}"[\\s\\S]*?</resource>`).exec(monXml))?.[0] ?? '';
    return [...block.matchAll(/role="(?:Started|Promoted|Unpromoted)"[^>]*>\s*<node name="([^"]+)"/g)].map((m) => m[1]!).sort();
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) {
        const mon = await crmMon();
        const placements = [...TOP_LEVEL].map((rsc) => `${rsc}: ${activeOn(mon, rsc).join(',') || 'nowhere'}`).join('; ');
        throw new Error(`timed out waiting for ${what} (${placements})`);
      }
      await new Promise((done) => setTimeout(done, 1000));
    }
  }

  const three = ['node-1', 'node-2', 'node-3'];

  it('deploys the collapsed controllers from each node; Galera is promoted once; a second run changes nothing', async () => {
    for (const node of [1, 2, 3]) {
      const run = await applyOn(node, three);
      expect(run.output, `papply on node-${node}`).not.toMatch(/Error:/);
      expect([0, 2]).toContain(run.code);
    }
    await waitFor('every clone on the three nodes', async () => {
      const mon = await crmMon();
      return CLONES.every((clone) => activeOn(mon, clone).join() === three.join()) && activeOn(mon, 'ms_p_mysql').join() === three.join();
    });
    const mon = await crmMon();
    expect((mon.match(/id="p_mysql"[^>]*role="Promoted"/g) ?? []).length).toBe(1);
    expect(activeOn(mon, 'vip__public')).toHaveLength(1);
    // HAProxy's sections were written on the node, under its private /run.
    expect(await cluster.check(2, 'cat', [`${ROOT}/etc/haproxy/conf.d/20-mysqld.cfg`])).toMatch(/server node-2 10\.213\.0\.12:3306 backup check/);
    expect(await cluster.check(1, 'crm_attribute', ['--type', 'crm_config', '--name', 'maintenance-mode', '--query', '--quiet'])).toMatch(/false/);

    const again = await applyOn(1, three);
    expect(again.output).not.toMatch(/Error:/);
    expect(again.code).toBe(0);
  }, 600_000);

  it('adds node-4 through the corosync module; it joins and nothing on node-1..3 restarts', async () => {
    const before = lrmHistory(await cluster.check(1, 'cibadmin', ['--query', '--scope', 'status']));
    const running = [...before.keys()].filter((key) => /^node-[123]\//.test(key));
    expect(running.length).toBeGreaterThanOrEqual(15);

    const four = [...three, 'node-4'];
    // Every existing node gets the new member list from papply (each reload under maintenance
    // mode), then the new node boots with the same list and joins.
    fourthNodeStarted = true;
    for (const node of [2, 3, 1]) {
      const run = await applyOn(node, four);
      expect(run.output, `papply on node-${node}`).not.toMatch(/Error:/);
      expect(run.code).toBe(2);
      expect(run.output).toMatch(/File\[\/etc\/corosync\/corosync\.conf\]\/content: content changed/);
      for (const step of ['corosync-maintenance-on', 'corosync-take-membership', 'corosync-maintenance-off']) {
        expect(run.output).toMatch(new RegExp(`Exec\\[${step}\\]: Triggered 'refresh'`));
      }
    }
    expect(await cluster.check(1, 'corosync-quorumtool', ['-s'])).toMatch(/Expected votes:\s+4/);
    await execa(CLUSTER_SCRIPT, ['add-node', '4']);
    await cluster.waitForMembers(4);
    expect(await cluster.check(1, 'corosync-cmapctl', ['-g', 'nodelist.node.3.ring0_addr'])).toMatch(/10\.213\.0\.14/);
    await waitFor('the clones on node-4', async () => {
      const mon = await crmMon();
      return CLONES.every((clone) => activeOn(mon, clone).includes('node-4'));
    });
    expect(await cluster.check(1, 'crm_attribute', ['--type', 'crm_config', '--name', 'maintenance-mode', '--query', '--quiet'])).toMatch(/false/);

    const after = lrmHistory(await cluster.check(1, 'cibadmin', ['--query', '--scope', 'status']));
    for (const key of running) {
      const last = Math.max(...before.get(key)!.map((op) => op.callId));
      const changes = (after.get(key) ?? []).filter((op) => op.callId > last && STATE_CHANGES.has(op.operation));
      expect(changes, `${key} after adding node-4`).toEqual([]);
    }
    // ... and still active where it was.
    const status = parseClusterStatus(await cluster.check(1, 'cibadmin', ['--query', '--scope', 'status']));
    for (const node of three) {
      for (const rsc of ['p_haproxy', 'p_rabbitmq-server', 'p_keystone', 'p_glance-api', 'p_mysql']) {
        expect(status.nodes.find((n) => n.name === node)?.resources.get(rsc)?.state, `${rsc} on ${node}`).toMatch(/running|promoted/);
      }
    }
  }, 600_000);
});
