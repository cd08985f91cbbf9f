// openstack_extras::pacemaker::service: hands a declared service over to Pacemaker.
import { describe, expect, it } from 'vitest';
import { compile, matchers, withDefaults } from 'papply/spec';

expect.extend(matchers);

const service = withDefaults({
  define: 'openstack_extras::pacemaker::service',
  title: 'glance-api',
  preCondition: "service { 'glance-api': ensure => running, enable => true }",
  modulepath: ['modules', 'spec/modules/fixtures/modules'],
  facts: { osfamily: 'Debian' },
});

describe('openstack_extras::pacemaker::service', () => {
  describe('with defaults', () => {
    it('hands the service to the pacemaker provider and declares the primitive', async () => {
      const catalog = await service({ params: { primitive_type: 'Dummy' } });
      expect(catalog).toContainResource('Service[glance-api]', { with: { provider: 'pacemaker', ensure: 'running' } });
      expect(catalog).toContainResource('Cs_primitive[p_glance-api]', {
        with: {
          ensure: 'present',
          primitive_class: 'ocf',
          primitive_type: 'Dummy',
          provided_by: 'pacemaker',
          parameters: false,
          operations: false,
          metadata: false,
          ms_metadata: false,
        },
        before: 'Service[glance-api]',
      });
      expect(catalog).toContainResource('Cs_clone[p_glance-api-clone]', {
        with: { ensure: 'absent' },
        without: ['primitive'],
        requires: 'Cs_primitive[p_glance-api]',
        before: 'Service[glance-api]',
      });
      expect(catalog).not.toContainResource('File[glance-api-ocf-file]');
      expect(catalog).toCompileWithAllDeps();
    });

    it('writes the OCF handler script that runs the agent by hand', async () => {
      const catalog = await service({ params: { primitive_type: 'Dummy', parameters: { fake: "it's", state: '/run/x' } } });
      expect(catalog).toContainResource('File[ocf_handler_glance-api]', {
        with: { ensure: 'present', path: '/usr/local/bin/ocf_handler_glance-api', owner: 'root', group: 'root', mode: '0700' },
        contentMatches: [
          /^export OCF_ROOT='\/usr\/lib\/ocf'$/m,
          /^export OCF_RESOURCE_INSTANCE='p_glance-api'$/m,
          /^export OCF_RESKEY_fake='it'\\''s'$/m,
          /^export OCF_RESKEY_state='\/run\/x'$/m,
          /^agent='\/usr\/lib\/ocf\/resource.d\/pacemaker\/Dummy'$/m,
        ],
        before: 'Service[glance-api]',
      });
      expect(catalog).toContainResource('Cs_primitive[p_glance-api]', { with: { parameters: { fake: "it's", state: '/run/x' } } });
    });

    it('finds a service declared under another title by its name', async () => {
      const catalog = await service({
        preCondition: "service { 'glance': name => 'glance-api', ensure => running }\nservice { 'glance-registry': ensure => running }",
        params: { primitive_type: 'Dummy' },
      });
      expect(catalog).toContainResource('Service[glance]', { with: { provider: 'pacemaker', name: 'glance-api' } });
      // The namevar makes it Service[glance-api] too.
      expect(catalog).toContainResource('Service[glance-api]', { with: { provider: 'pacemaker' }, requires: 'Cs_primitive[p_glance-api]' });
      expect(catalog).toContainResource('Service[glance-registry]', { without: ['provider'] });
      expect(catalog).toCompileWithAllDeps();
    });
  });

  describe('with a custom OCF file', () => {
    it('installs the agent from the module file server and the handler', async () => {
      const catalog = await service({
        params: {
          primitive_type: 'glance-api',
          primitive_provider: 'openstack',
          ocf_root_path: '/usr/lib/ocf',
          ocf_script_file: 'cluster/ocf/glance-api',
          handler_root_path: '/usr/sbin',
        },
      });
      expect(catalog).toContainResource('File[glance-api-ocf-file]', {
        with: { ensure: 'present', path: '/usr/lib/ocf/resource.d/openstack/glance-api', mode: '0755', owner: 'root', group: 'root', source: 'puppet:///modules/cluster/ocf/glance-api' },
        without: ['content'],
        before: 'Cs_primitive[p_glance-api]',
        notifies: 'Service[glance-api]',
      });
      expect(catalog).toContainResource('File[ocf_handler_glance-api]', {
        with: { path: '/usr/sbin/ocf_handler_glance-api', mode: '0700' },
        contentMatches: /OCF_ROOT/,
      });
      expect(catalog).toContainResource('Cs_primitive[p_glance-api]', { with: { provided_by: 'openstack', primitive_type: 'glance-api' } });
      expect(catalog).toCompileWithAllDeps();
    });
  });

  describe('with a custom template and no handler', () => {
    it('renders the agent from the template and writes no handler', async () => {
      const catalog = await service({
        params: { primitive_type: 'glance-api', ocf_root_path: '/opt/ocf', ocf_script_template: 'ocf_fixtures/agent.erb', use_handler: false },
      });
      expect(catalog).toContainResource('File[glance-api-ocf-file]', {
        with: { path: '/opt/ocf/resource.d/pacemaker/glance-api', mode: '0755' },
        without: ['source'],
        contentMatches: ['# Fixture OCF agent for glance-api,', ': "${OCF_ROOT:=/opt/ocf}"'],
        before: 'Service[glance-api]',
      });
      expect(catalog).not.toContainResource('File[ocf_handler_glance-api]');
      // Service, primitive, clone, the agent file and the define instance itself.
      expect(catalog).toHaveResourceCount(5);
    });
  });

  describe('with a clone', () => {
    it('declares the clone of the primitive, placed before the service', async () => {
      const catalog = await service({ params: { primitive_type: 'Dummy', clone: true, metadata: { 'resource-stickiness': '1' } } });
      expect(catalog).toContainResource('Cs_clone[p_glance-api-clone]', {
        with: { ensure: 'present', primitive: 'p_glance-api' },
        requires: 'Cs_primitive[p_glance-api]',
        before: 'Service[glance-api]',
      });
      expect(catalog).toContainResource('Cs_primitive[p_glance-api]', { with: { metadata: { 'resource-stickiness': '1' } } });
      expect(catalog).toCompileWithAllDeps();
    });
  });

  it('declares no primitive with create_primitive false, and removes with ensure absent', async () => {
    const without = await service({ params: { primitive_type: 'Dummy', create_primitive: false } });
    expect(without).not.toContainResource('Cs_primitive[p_glance-api]');
    expect(without).not.toContainResource('Cs_clone[p_glance-api-clone]');
    expect(without).toContainResource('Service[glance-api]', { with: { provider: 'pacemaker' } });
    const absent = await service({ params: { primitive_type: 'Dummy', ensure: 'absent', ocf_script_file: 'x/y' } });
    expect(absent).toContainResource('Cs_primitive[p_glance-api]', { with: { ensure: 'absent' } });
    expect(absent).toContainResource('File[glance-api-ocf-file]', { with: { ensure: 'absent' } });
  });

  it('fails to compile without the service it hands over', async () => {
    await expect(compile({ define: 'openstack_extras::pacemaker::service', title: 'nova-api', modulepath: 'modules' })).rejects.toThrow(
      /Could not find resource 'Service\[nova-api\]'.*\(file: .*modules\/openstack_extras\/manifests\/pacemaker\/service\.pp, line: \d+, column: \d+\)/,
    );
  });
});
