// haproxy: the main file and one conf.d file per listen/frontend/backend section, balancer
// members appended to their section, and a reload (or refresh) on every change.
import { describe, expect, it } from 'vitest';
import { compile, matchers, withDefaults } from 'papply/spec';

expect.extend(matchers);

const site = withDefaults({ modulepath: 'modules', facts: { networking: { hostname: 'lb-1', ip: '192.0.2.5', fqdn: 'lb-1.example.com' } } });

describe('haproxy', () => {
  it('writes global and defaults into the main file and manages conf.d', async () => {
    const catalog = await site({ klass: 'haproxy', params: { global_options: { maxconn: '100', 'stats socket': ['/run/a.sock', '/run/b.sock'] } } });
    expect(catalog).toContainResource('Haproxy_fragment[/etc/haproxy/haproxy.cfg]', {
      with: { config_dir: '/etc/haproxy/conf.d', haproxy: '/usr/sbin/haproxy', validate: true },
      notifies: 'Service[haproxy]',
    });
    expect(catalog).toContainResource('Concat::Fragment[haproxy-main]', {
      with: { target: '/etc/haproxy/haproxy.cfg', order: '00' },
      contentMatches: [/^global\n {4}maxconn 100\n {4}stats socket \/run\/a\.sock\n {4}stats socket \/run\/b\.sock\n\ndefaults\n/m, /^ {4}timeout connect 10s$/m],
    });
    expect(catalog).toContainResource('Haproxy_conf_dir[/etc/haproxy/conf.d]', { with: { purge: true }, notifies: 'Service[haproxy]' });
    expect(catalog).toContainResource('Service[haproxy]', { with: { ensure: 'running' }, without: ['provider', 'restart'] });
    expect(catalog).toCompileWithAllDeps();
  });

  it('reloads through an exec instead of refreshing the service when reload_command is set', async () => {
    const catalog = await site({ klass: 'haproxy', params: { reload_command: '/usr/local/bin/haproxy-reload', service_provider: 'pacemaker' } });
    expect(catalog).toContainResource('Service[haproxy]', { with: { provider: 'pacemaker' } });
    expect(catalog).toContainResource('Exec[haproxy-reload]', { with: { refreshonly: true }, requires: 'Service[haproxy]', subscribes: 'Haproxy_fragment[/etc/haproxy/haproxy.cfg]' });
    expect(catalog).not.toContainResource('Haproxy_fragment[/etc/haproxy/haproxy.cfg]', { notifies: 'Service[haproxy]' });
    expect(catalog).toCompileWithAllDeps();
  });

  it('manages no service when told not to', async () => {
    const catalog = await site({ klass: 'haproxy', params: { manage_service: false } });
    expect(catalog).toHaveResourceCount(0, 'service');
    expect(catalog).toContainResource('Haproxy_fragment[/etc/haproxy/haproxy.cfg]', { without: ['notify'] });
  });
});

describe('haproxy::listen and haproxy::balancermember', () => {
  const galera = {
    manifest: `
      haproxy::listen { 'galera':
        ipaddress => '10.0.0.10',
        ports     => '3306',
        mode      => 'tcp',
        options   => { 'option' => ['tcpka', 'httpchk'], 'balance' => 'source', 'timeout' => 'client 28801s' },
      }
      haproxy::balancermember { 'galera':
        listening_service => 'galera',
        server_names      => ['node-1', 'node-2', 'node-3'],
        ipaddresses       => ['10.0.0.11', '10.0.0.12', '10.0.0.13'],
        ports             => 3306,
        options           => ['check', 'inter 2000'],
        define_backups    => true,
      }`,
  };

  it('writes the listen section into its own conf.d file, options sorted', async () => {
    const catalog = await site(galera);
    expect(catalog).toContainResource('Haproxy_fragment[galera]', { with: { path: '/etc/haproxy/conf.d/20-galera.cfg', config_file: '/etc/haproxy/haproxy.cfg' }, notifies: 'Service[haproxy]' });
    expect(catalog).toContainResource('Concat::Fragment[galera_listen_block]', {
      with: {
        target: 'galera',
        order: '00',
        content: 'listen galera\n    bind 10.0.0.10:3306\n    mode tcp\n    balance source\n    option tcpka\n    option httpchk\n    timeout client 28801s\n',
      },
    });
    expect(catalog).toContainClass('haproxy');
    expect(catalog).toCompileWithAllDeps();
  });

  it('appends one server line per member, backups after the first', async () => {
    const catalog = await site(galera);
    expect(catalog).toContainResource('Concat::Fragment[galera_balancermember_galera]', {
      with: {
        target: 'galera',
        order: '10-galera',
        content: '    server node-1 10.0.0.11:3306 check inter 2000\n    server node-2 10.0.0.12:3306 backup check inter 2000\n    server node-3 10.0.0.13:3306 backup check inter 2000\n',
      },
    });
  });

  it('names a server once per port, and defaults to this node from its facts', async () => {
    const catalog = await site({
      manifest: "haproxy::listen { 'api': ports => [8080, 8443] }\nhaproxy::balancermember { 'me': listening_service => 'api', ports => '8080,8443', define_cookies => true, weight => 5 }",
    });
    expect(catalog).toContainResource('Concat::Fragment[api_listen_block]', { contentMatches: ['    bind 0.0.0.0:8080\n    bind 0.0.0.0:8443\n', '    balance roundrobin\n    option tcplog\n'] });
    expect(catalog).toContainResource('Concat::Fragment[api_balancermember_me]', {
      with: { content: '    server lb-1_8080 192.0.2.5:8080 cookie lb-1 weight 5\n    server lb-1_8443 192.0.2.5:8443 cookie lb-1 weight 5\n' },
    });
  });

  it('writes frontend and backend sections in their order', async () => {
    const catalog = await site({
      manifest: "haproxy::frontend { 'web': bind => { '10.0.0.10:80' => ['transparent'] }, mode => 'http' }\nhaproxy::backend { 'web-servers': mode => 'http', options => [{ 'option' => 'httpchk' }, { 'balance' => 'leastconn' }] }",
    });
    expect(catalog).toContainResource('Haproxy_fragment[web]', { with: { path: '/etc/haproxy/conf.d/15-web.cfg' } });
    expect(catalog).toContainResource('Concat::Fragment[web_frontend_block]', { with: { content: 'frontend web\n    bind 10.0.0.10:80 transparent\n    mode http\n    option tcplog\n' } });
    expect(catalog).toContainResource('Haproxy_fragment[web-servers]', { with: { path: '/etc/haproxy/conf.d/25-web-servers.cfg' } });
    // An array of option hashes keeps its order.
    expect(catalog).toContainResource('Concat::Fragment[web-servers_backend_block]', { with: { content: 'backend web-servers\n    mode http\n    option httpchk\n    balance leastconn\n' } });
  });

  it('rejects bind together with ports, and unequal server lists', async () => {
    await expect(site({ manifest: "haproxy::listen { 'x': bind => { '1.2.3.4:80' => [] }, ports => 80 }" })).rejects.toThrow(/haproxy::listen x: give either bind or ipaddress\/ports, not both/);
    await expect(
      compile({ modulepath: 'modules', manifest: "haproxy::balancermember { 'm': listening_service => 'x', server_names => ['a', 'b'], ipaddresses => ['10.0.0.1'] }" }),
    ).rejects.toThrow(/haproxy::balancermember m: 2 server_names but 1 ipaddresses/);
  });
});
