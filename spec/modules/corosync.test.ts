// class corosync: the knet nodelist, maintenance mode around a membership change, and the
// cluster-wide Pacemaker options.
import { describe, expect, it } from 'vitest';
import { matchers, withDefaults } from 'papply/spec';

expect.extend(matchers);

const corosync = withDefaults({
  klass: 'corosync',
  modulepath: 'modules',
  params: { nodes: { 'node-1': '10.0.0.11', 'node-2': '10.0.0.12', 'node-3': '10.0.0.13' } },
});

describe('corosync', () => {
  it('writes the nodelist with ids in the order of the nodes hash', async () => {
    const catalog = await corosync();
    expect(catalog).toContainClass('corosync', { with: { cluster_name: 'papply', transport: 'knet', two_node: false } });
    expect(catalog).toContainResource('File[/etc/corosync/corosync.conf]', {
      with: { ensure: 'file', owner: 'root', group: 'root', mode: '0644' },
      contentMatches: [
        /^ {4}cluster_name: papply$/m,
        /^ {4}transport: knet$/m,
        /node \{\n {8}name: node-1\n {8}nodeid: 1\n {8}ring0_addr: 10\.0\.0\.11\n {4}\}\n {4}node \{\n {8}name: node-2\n {8}nodeid: 2\n {8}ring0_addr: 10\.0\.0\.12\n/,
        /name: node-3\n {8}nodeid: 3\n {8}ring0_addr: 10\.0\.0\.13\n/,
      ],
    });
    const content = String(catalog.resource('File[/etc/corosync/corosync.conf]')!.parameters.content);
    expect(content).not.toContain('two_node');
    expect(content.match(/^ {4}node \{$/gm)).toHaveLength(3);
    expect(catalog).toCompileWithAllDeps();
  });

  it('puts the cluster into maintenance mode around a membership change', async () => {
    const catalog = await corosync({ params: { restart_command: '/usr/sbin/corosync-cfgtool -R -v' } });
    const maintenance = '/usr/sbin/crm_attribute --type crm_config --name maintenance-mode --update';
    expect(catalog).toContainResource('File[/etc/corosync/corosync.conf]', { notifies: 'Exec[corosync-maintenance-on]' });
    expect(catalog).toContainResource('Exec[corosync-maintenance-on]', {
      with: { command: `${maintenance} true`, refreshonly: true, path: ['/usr/sbin', '/usr/bin', '/sbin', '/bin'] },
      subscribes: 'File[/etc/corosync/corosync.conf]',
      notifies: 'Exec[corosync-take-membership]',
    });
    expect(catalog).toContainResource('Exec[corosync-take-membership]', {
      with: { command: '/usr/sbin/corosync-cfgtool -R -v', refreshonly: true },
      notifies: 'Exec[corosync-maintenance-off]',
    });
    expect(catalog).toContainResource('Exec[corosync-maintenance-off]', {
      with: { command: `${maintenance} false`, refreshonly: true },
      requires: ['File[/etc/corosync/corosync.conf]', 'Exec[corosync-maintenance-on]'],
    });
    // Maintenance is lifted last, never first.
    expect(catalog).not.toContainResource('Exec[corosync-maintenance-off]', { before: 'Exec[corosync-take-membership]' });
  });

  it('sets the options of an asymmetric cluster without stonith by default', async () => {
    const catalog = await corosync();
    expect(catalog).toContainResource('Cs_property[symmetric-cluster]', { with: { value: 'false' } });
    expect(catalog).toContainResource('Cs_property[stonith-enabled]', { with: { value: 'false' } });
    expect(catalog).toContainResource('Cs_property[no-quorum-policy]', { with: { value: 'stop' } });
    expect(catalog).not.toContainResource('Cs_rsc_defaults[resource-stickiness]');
    // The file, three execs, three properties.
    expect(catalog).toHaveResourceCount(7);
    expect(catalog).toHaveClassCount(1);
  });

  it('takes other options, stickiness and a two-node quorum', async () => {
    const catalog = await corosync({
      params: { nodes: { 'a': '192.0.2.1', 'b': '192.0.2.2' }, two_node: true, symmetric_cluster: true, stonith_enabled: true, no_quorum_policy: 'ignore', resource_stickiness: 100, cluster_name: 'ha' },
    });
    expect(catalog).toContainResource('File[/etc/corosync/corosync.conf]', { contentMatches: [/^ {4}two_node: 1$/m, /cluster_name: ha\n/] });
    expect(catalog).toContainResource('Cs_property[symmetric-cluster]', { with: { value: 'true' } });
    expect(catalog).toContainResource('Cs_property[stonith-enabled]', { with: { value: 'true' } });
    expect(catalog).toContainResource('Cs_property[no-quorum-policy]', { with: { value: 'ignore' } });
    expect(catalog).toContainResource('Cs_rsc_defaults[resource-stickiness]', { with: { value: '100' } });
  });

  it('manages no properties when told not to', async () => {
    const catalog = await corosync({ params: { manage_properties: false } });
    expect(catalog).toHaveResourceCount(0, 'cs_property');
    expect(catalog).toHaveResourceCount(4);
  });

  it('rejects a transport corosync does not have and a relative config path', async () => {
    await expect(corosync({ params: { transport: 'udp' } })).rejects.toThrow(/transport/);
    await expect(corosync({ params: { config_file: 'corosync.conf' } })).rejects.toThrow(/config_file/);
    await expect(corosync({ params: { nodes: undefined } })).rejects.toThrow(/nodes/);
  });
});
