// The example scenarios of manifests/ applied with `papply apply --cib-file` (crm_simulate plays
// the cluster): each applies cleanly, crm_verify finds nothing wrong, the resources and
// constraints the scenario promises are in the CIB, and a second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCatalog } from '../../src/compiler/compile.js';
import { applyScenario, cibXpath, countXpath, crmVerify, MANIFESTS, MODULES, runningOn } from './support.js';

const THREE = ['node-1', 'node-2', 'node-3'];

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'papply-scenarios-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function scratch(name: string): Promise<{ dir: string; root: string; cib: string }> {
  const dir = join(base, name);
  await mkdir(join(dir, 'root'), { recursive: true });
  return { dir, root: join(dir, 'root'), cib: join(dir, 'cib.xml') };
}

describe('manifests/ha_controllers.pp on a CIB file', () => {
  it('configures VIPs with a cloned HAProxy, promotable Galera, clones with keystone before glance; idempotent', async () => {
    const { dir, root, cib } = await scratch('ha_controllers');
    const facts = { ha_controllers: { root } };
    const first = await applyScenario('ha_controllers', dir, facts, { cibFile: cib, nodes: THREE, nodeName: 'node-1' });
    expect(first.output).not.toMatch(/Error|Warning/);
    expect(first.code).toBe(2);
    expect(await crmVerify(cib)).toEqual({ exitCode: 0, output: '' });

    for (const vip of ['vip__public', 'vip__management']) {
      expect(await cibXpath(cib, `//primitive[@id='${vip}']`)).toMatch(/class="ocf" provider="heartbeat" type="IPaddr2"/);
      expect(await cibXpath(cib, `//rsc_colocation[@id='${vip}-with-haproxy']`)).toMatch(new RegExp(`rsc="${vip}".*with-rsc="p_haproxy-clone"|with-rsc="p_haproxy-clone".*rsc="${vip}"`));
      expect(await cibXpath(cib, `//rsc_order[@id='haproxy-before-${vip}']`)).toMatch(new RegExp(`first="p_haproxy-clone".*then="${vip}"`));
      expect(await countXpath(cib, `//rsc_location[@rsc='${vip}'][@score='0']`)).toBe(3);
    }
    expect(await cibXpath(cib, "//clone[@id='ms_p_mysql']")).toMatch(/name="promotable" value="true"[\s\S]*<primitive id="p_mysql" class="ocf" provider="pacemaker" type="Stateful"/);
    for (const clone of ['p_haproxy-clone', 'p_rabbitmq-server-clone', 'p_keystone-clone', 'p_glance-api-clone']) {
      expect(await countXpath(cib, `//clone[@id='${clone}']/primitive[@type='Dummy']`)).toBe(1);
      expect(await runningOn(cib, clone)).toEqual(THREE);
      // Interleaved: a new controller's instance does not restart the others' dependents.
      expect(await countXpath(cib, `//clone[@id='${clone}']/meta_attributes/nvpair[@name='interleave'][@value='true']`)).toBe(1);
    }
    expect(await runningOn(cib, 'ms_p_mysql')).toEqual(THREE);
    expect(await cibXpath(cib, "//rsc_order[@id='keystone-before-glance']")).toMatch(/first="p_keystone-clone".*then="p_glance-api-clone"|then="p_glance-api-clone".*first="p_keystone-clone"/);

    // HAProxy: one file per section; Galera active/passive with a stick table and backups.
    const confd = join(root, 'etc/haproxy/conf.d');
    expect((await readdir(confd)).sort()).toEqual(['20-glance-api.cfg', '20-keystone-public.cfg', '20-mysqld.cfg']);
    const mysqld = await readFile(join(confd, '20-mysqld.cfg'), 'utf8');
    expect(mysqld).toContain('    bind 192.0.2.10:3306\n');
    expect(mysqld).toContain('    stick-table type ip size 1000\n    stick on dst\n');
    expect(mysqld).toMatch(/server node-1 10\.213\.0\.11:3306 check /);
    expect(mysqld).toMatch(/server node-2 10\.213\.0\.12:3306 backup check /);
    expect(mysqld).toMatch(/server node-3 10\.213\.0\.13:3306 backup check /);
    expect(await readFile(join(confd, '20-keystone-public.cfg'), 'utf8')).toMatch(/bind 192\.0\.2\.10:5000\n {4}bind 10\.213\.0\.100:5000\n[\s\S]*balance source\n {4}option httpchk GET \/v3\n[\s\S]*server node-1 10\.213\.0\.11:5000 check inter 1s\n/);
    expect(execFileSync('haproxy', ['-c', '-f', join(root, 'etc/haproxy/haproxy.cfg'), '-f', confd]).toString()).toMatch(/valid/);

    const second = await applyScenario('ha_controllers', dir, facts, { cibFile: cib, nodes: THREE, nodeName: 'node-1' });
    expect(second.output).not.toMatch(/Error|Warning/);
    expect(second.code).toBe(0);
  });
});

describe('manifests/lightweight.pp on a CIB file', () => {
  it('puts only VIPs/HAProxy, RabbitMQ, Galera, Redis, Mongo and cinder-volume in Pacemaker; the rest gets Restart=on-failure', async () => {
    const { dir, root, cib } = await scratch('lightweight');
    const facts = { lightweight: { root } };
    const first = await applyScenario('lightweight', dir, facts, { cibFile: cib, nodes: THREE, nodeName: 'node-1' });
    expect(first.output).not.toMatch(/Error|Warning/);
    expect(first.code).toBe(2);
    expect(await crmVerify(cib)).toEqual({ exitCode: 0, output: '' });

    const ids = [...(await cibXpath(cib, '/cib/configuration/resources')).matchAll(/<(?:primitive|clone) id="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(ids).toEqual(
      ['ms_p_mysql', 'ms_p_redis', 'p_cinder-volume', 'p_haproxy', 'p_haproxy-clone', 'p_mongod', 'p_mongod-clone', 'p_mysql', 'p_rabbitmq-server', 'p_rabbitmq-server-clone', 'p_redis', 'vip__management', 'vip__public'].sort(),
    );
    expect(await runningOn(cib, 'p_cinder-volume')).toHaveLength(1);
    expect(await runningOn(cib, 'ms_p_redis')).toEqual(THREE);

    const dropIns = join(root, 'etc/systemd/system');
    expect((await readdir(dropIns)).sort()).toEqual(
      ['glance-api', 'heat-api', 'keystone', 'neutron-server', 'nova-api', 'nova-conductor', 'nova-scheduler'].map((s) => `${s}.service.d`),
    );
    expect(await readFile(join(dropIns, 'nova-api.service.d/restart.conf'), 'utf8')).toMatch(/^\[Service\]\nRestart=on-failure\n/m);
    expect((await readdir(join(root, 'etc/haproxy/conf.d'))).sort()).toEqual(['20-glance-api.cfg', '20-keystone.cfg', '20-neutron-server.cfg', '20-nova-api.cfg']);

    const second = await applyScenario('lightweight', dir, facts, { cibFile: cib, nodes: THREE, nodeName: 'node-1' });
    expect(second.code).toBe(0);
  });

  it('where systemd is the init, the other services are systemd services that start after daemon-reload of their drop-in', () => {
    const catalog = compileCatalog({
      manifest: join(MANIFESTS, 'lightweight.pp'),
      modulepath: [MODULES],
      nodeName: 'node-1',
      facts: { service_provider: 'systemd', networking: { hostname: 'node-1', ip: '10.213.0.11' }, lightweight: { root: '/tmp/unused' } },
    });
    const resource = (type: string, title: string) => catalog.resources.find((r) => r.type === type && r.title === title);
    const keystone = resource('Service', 'keystone');
    expect(keystone?.parameters).toMatchObject({ ensure: 'running', enable: true, provider: 'systemd' });
    expect(resource('Service', 'rabbitmq-server')?.parameters?.provider).toBe('pacemaker');
    expect(resource('Exec', 'lightweight-systemd-reload')?.parameters).toMatchObject({ command: '/bin/systemctl daemon-reload', refreshonly: true });
    // drop-in ~> daemon-reload -> service
    expect(resource('File', '/tmp/unused/etc/systemd/system/keystone.service.d/restart.conf')?.parameters?.notify).toEqual(['Exec[lightweight-systemd-reload]']);
    expect(resource('Exec', 'lightweight-systemd-reload')?.parameters?.before).toContain('Service[keystone]');
    expect(catalog.resources.filter((r) => r.type === 'Service' && r.parameters?.provider === 'systemd').map((r) => r.title).sort()).toEqual(
      ['glance-api', 'heat-api', 'keystone', 'neutron-server', 'nova-api', 'nova-conductor', 'nova-scheduler'],
    );
    // Without systemd (this machine) none of them is declared.
    const here = compileCatalog({ manifest: join(MANIFESTS, 'lightweight.pp'), modulepath: [MODULES], nodeName: 'node-1', facts: { service_provider: 'debian' } });
    expect(here.resources.some((r) => r.type === 'Service' && r.title === 'keystone')).toBe(false);
  });
});

describe('manifests/basic_cluster.pp on a CIB file', () => {
  it('two nodes and one VIP: no-quorum-policy ignore; idempotent', async () => {
    const { dir, cib } = await scratch('basic-2');
    const facts = { basic_cluster: { nodes: ['node-1', 'node-2'], vips: { public: '192.0.2.31' } } };
    const first = await applyScenario('basic_cluster', dir, facts, { cibFile: cib, nodes: ['node-1', 'node-2'], nodeName: 'node-1' });
    expect(first.output).not.toMatch(/Error|Warning/);
    expect(first.code).toBe(2);
    expect(await crmVerify(cib)).toEqual({ exitCode: 0, output: '' });
    expect(await cibXpath(cib, "//crm_config//nvpair[@name='no-quorum-policy']")).toMatch(/value="ignore"/);
    expect(await countXpath(cib, '//rsc_location')).toBe(2 * 2);
    expect(await runningOn(cib, 'vip__public')).toHaveLength(1);
    const second = await applyScenario('basic_cluster', dir, facts, { cibFile: cib, nodes: ['node-1', 'node-2'], nodeName: 'node-1' });
    expect(second.code).toBe(0);
  });

  it('sixteen nodes and four VIPs; seventeen nodes are refused at compile time', async () => {
    const nodes = Array.from({ length: 16 }, (_, i) => `node-${i + 1}`);
    const vips = { public: '192.0.2.41', management: '10.213.0.141', storage: '10.213.2.141', internal: '10.213.3.141' };
    const { dir, cib } = await scratch('basic-16');
    const first = await applyScenario('basic_cluster', dir, { basic_cluster: { nodes, vips } }, { cibFile: cib, nodes, nodeName: 'node-1' });
    expect(first.output).not.toMatch(/Error|Warning/);
    expect(first.code).toBe(2);
    expect(await crmVerify(cib)).toEqual({ exitCode: 0, output: '' });
    expect(await countXpath(cib, '//rsc_location')).toBe(16 * 5);
    expect(await countXpath(cib, '//rsc_colocation[@with-rsc="p_haproxy-clone"]')).toBe(4);
    expect(await cibXpath(cib, "//crm_config//nvpair[@name='no-quorum-policy']")).toMatch(/value="stop"/);
    const second = await applyScenario('basic_cluster', dir, { basic_cluster: { nodes, vips } }, { cibFile: cib, nodes, nodeName: 'node-1' });
    expect(second.code).toBe(0);

    const tooMany = [...nodes, 'node-17'];
    const refused = await applyScenario('basic_cluster', dir, { basic_cluster: { nodes: tooMany, vips } }, { cibFile: join(dir, 'cib-17.xml'), nodes: tooMany, nodeName: 'node-1' });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/basic_cluster.*nodes.*expects.*Array\[String\[1\], 2, 16\]|parameter 'nodes' expects/);
  });
});

describe('manifests/large_cluster.pp on a CIB file', () => {
  it('declares a remote connection per compute node, allowed on the cluster nodes, and places clones by node kind', async () => {
    const { dir, root, cib } = await scratch('large');
    const facts = { large_cluster: { root } };
    const first = await applyScenario('large_cluster', dir, facts, { cibFile: cib, nodes: THREE, nodeName: 'node-1' });
    expect(first.output).not.toMatch(/Error|Warning/);
    expect(first.code).toBe(2);
    expect(await crmVerify(cib)).toEqual({ exitCode: 0, output: '' });
    expect(await countXpath(cib, "//primitive[@class='ocf'][@provider='pacemaker'][@type='remote']")).toBe(12);
    expect(await cibXpath(cib, "//primitive[@id='compute-7']")).toMatch(/name="server" value="10\.213\.1\.7"/);
    expect(await countXpath(cib, "//rsc_location[@rsc='compute-7']")).toBe(3);
    expect(await countXpath(cib, "//rsc_location[@rsc='p_nova-compute-clone']")).toBe(12);
    expect(await countXpath(cib, "//rsc_location[@rsc='p_nova-compute-clone'][@node='node-1']")).toBe(0);
    expect(await countXpath(cib, "//rsc_location[@rsc='p_nova-api-clone']")).toBe(3);
    expect(await readFile(join(root, 'etc/pacemaker/authkey'), 'utf8')).toBe('papply-example-authkey-not-a-secret');
    const second = await applyScenario('large_cluster', dir, facts, { cibFile: cib, nodes: THREE, nodeName: 'node-1' });
    expect(second.code).toBe(0);
  });
});
