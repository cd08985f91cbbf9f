import { describe, expect, it } from 'vitest';
import { compile, matchers, ref, withDefaults } from 'papply/spec';

expect.extend(matchers);

describe('openstack_extras::pacemaker::service', () => {
  // Shared options, like rspec-puppet's let(): each example overrides what it needs.
  const service = withDefaults({
    define: 'openstack_extras::pacemaker::service',
    title: 'glance-api',
    modulepath: ['modules'],
    preCondition: "service { 'glance-api': ensure => running }",
    facts: { os: { family: 'Debian' } },
  });

  it('hands the service over to Pacemaker', async () => {
    const catalog = await service({ params: { primitive_type: 'Dummy', parameters: { state: '/run/glance' } } });

    expect(catalog).toContainResource('Service[glance-api]', { with: { provider: 'pacemaker' } });
    expect(catalog).toContainResource('cs_primitive[p_glance-api]', {
      with: { primitive_class: 'ocf', primitive_type: 'Dummy', parameters: { state: /^\/run\// } },
      before: 'Service[glance-api]',
    });
    expect(catalog).toContainResource('Cs_clone[p_glance-api-clone]', { with: { ensure: 'absent' }, without: ['primitive'] });
    expect(catalog).toContainResource('File[ocf_handler_glance-api]', {
      with: { path: '/usr/local/bin/ocf_handler_glance-api', mode: '0700' },
      contentMatches: [/OCF_ROOT/, "export OCF_RESKEY_state='/run/glance'"],
    });
    expect(catalog).toCompileWithAllDeps();
  });

  it('clones the primitive when asked', async () => {
    const catalog = await service({ params: { primitive_type: 'Dummy', clone: true } });

    expect(catalog).toContainResource('Cs_clone[p_glance-api-clone]', {
      with: { ensure: 'present', primitive: 'p_glance-api' },
      requires: 'Cs_primitive[p_glance-api]',
    });
    expect(catalog).not.toContainResource('File[glance-api-ocf-file]');
  });
});

describe('class corosync', () => {
  it('takes its parameters as rspec-puppet takes let(:params)', async () => {
    const catalog = await compile({
      klass: 'corosync',
      params: { nodes: { 'node-1': '10.0.0.11', 'node-2': '10.0.0.12' }, resource_stickiness: 100 },
      modulepath: 'modules',
    });

    expect(catalog).toContainClass('corosync', { with: { cluster_name: 'papply' } });
    expect(catalog).toContainResource('Cs_rsc_defaults[resource-stickiness]', { with: { value: 100 } });
    expect(catalog).toContainResource('Exec[corosync-maintenance-off]', { subscribes: 'Exec[corosync-take-membership]' });
    expect(catalog).toHaveClassCount(1);
  });
});

describe('a manifest', () => {
  it('compiles code given inline', async () => {
    const catalog = await compile({
      manifest: `
        package { 'haproxy': ensure => installed }
        file { '/etc/motd': content => "\${motd_prefix} \${facts['networking']['hostname']}\\n" }
      `,
      preCondition: "$motd_prefix = 'managed on'",
      postCondition: "Package['haproxy'] -> File['/etc/motd']",
      nodeName: 'lb-1.example.com',
    });

    expect(catalog).toHaveResourceCount(2);
    expect(catalog).toContainResource('File[/etc/motd]', { with: { content: 'managed on lb-1\n' }, requires: 'Package[haproxy]' });
    // The catalog is plain data too.
    expect(catalog.resource('package[haproxy]')?.parameters.ensure).toBe('installed');
    expect(catalog.toJSON().name).toBe('lb-1.example.com');
  });

  it('passes references and undef as parameters', async () => {
    const catalog = await compile({
      manifest: "package { 'haproxy': }\ndefine site::conf($after = undef, $mode = '0600') { file { $title: mode => $mode, require => $after } }",
      define: 'site::conf',
      title: '/etc/site.conf',
      params: { after: ref('Package', 'haproxy'), mode: null },
    });

    expect(catalog).toContainResource('File[/etc/site.conf]', { with: { mode: '0600' }, requires: 'Package[haproxy]' });
  });

  it('rejects code that does not compile, with the place', async () => {
    await expect(compile({ manifest: "file { '/x':\n  ensure => bogus(1),\n}" })).rejects.toThrow(
      /Unknown function: 'bogus'.*\(file: site\.pp, line: 2, column: 13\)/,
    );
  });
});
