// pacemaker_remote: the shared authkey, and remote nodes as ocf:pacemaker:remote primitives.
import { describe, expect, it } from 'vitest';
import { compile, matchers } from 'papply/spec';

expect.extend(matchers);

describe('pacemaker_remote', () => {
  it('installs the authkey given as content, readable by haclient only', async () => {
    const catalog = await compile({ klass: 'pacemaker_remote', params: { authkey: 's3cret' }, modulepath: 'modules' });
    expect(catalog).toContainResource('File[/etc/pacemaker]', { with: { ensure: 'directory', group: 'haclient', mode: '0750' } });
    expect(catalog).toContainResource('File[/etc/pacemaker/authkey]', {
      with: { ensure: 'file', owner: 'hacluster', group: 'haclient', mode: '0640', content: 's3cret' },
      without: ['source'],
      requires: 'File[/etc/pacemaker]',
    });
    expect(catalog).toCompileWithAllDeps();
  });

  it('takes the key from a source instead', async () => {
    const catalog = await compile({ klass: 'pacemaker_remote', params: { authkey_source: 'puppet:///modules/site/authkey', authkey_path: '/srv/authkey' }, modulepath: 'modules' });
    expect(catalog).toContainResource('File[/srv/authkey]', { with: { source: 'puppet:///modules/site/authkey' }, without: ['content'] });
  });

  it('fails without a key', async () => {
    await expect(compile({ klass: 'pacemaker_remote', modulepath: 'modules' })).rejects.toThrow(/pacemaker_remote: give either authkey or authkey_source/);
  });
});

describe('pacemaker_remote::node', () => {
  it('declares the remote connection and lets it run on the given cluster nodes', async () => {
    const catalog = await compile({
      define: 'pacemaker_remote::node',
      title: 'compute-1',
      params: { address: '10.0.1.21', allowed_on: ['node-1', 'node-2'], score: 50 },
      modulepath: 'modules',
    });
    expect(catalog).toContainResource('Cs_primitive[compute-1]', {
      with: {
        primitive_class: 'ocf',
        provided_by: 'pacemaker',
        primitive_type: 'remote',
        parameters: { server: '10.0.1.21', port: '3121', reconnect_interval: '60s' },
        operations: { monitor: { interval: '30s', timeout: '30s' }, start: { interval: '0', timeout: '60s' } },
      },
    });
    for (const node of ['node-1', 'node-2']) {
      expect(catalog).toContainResource(`Cs_location[compute-1-on-${node}]`, {
        with: { primitive: 'compute-1', node_name: node, score: '50' },
        requires: 'Cs_primitive[compute-1]',
      });
    }
    expect(catalog).toHaveResourceCount(2, 'cs_location');
    expect(catalog).toCompileWithAllDeps();
  });

  it('rejects a port out of range', async () => {
    await expect(compile({ define: 'pacemaker_remote::node', title: 'c', params: { address: 'x', port: 70000 }, modulepath: 'modules' })).rejects.toThrow(/port/);
  });
});
