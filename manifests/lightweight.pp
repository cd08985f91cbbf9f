# Lightweight HA controllers: Pacemaker manages only what needs a cluster manager — the virtual
# IPs with HAProxy, RabbitMQ, Galera, Redis, MongoDB and cinder-volume (one active instance).
# Every other OpenStack service is an ordinary systemd service that systemd restarts when it
# fails (a drop-in with Restart=on-failure); HAProxy's health checks route around a dead one.
# Dummy/Stateful agents stand in for the daemons.
#
# The systemd services are declared where systemd is the init (fact service_provider); the
# drop-in files are written in any case. Data: $lightweight_data, overridden by a fact
# `lightweight` (a hash).
class lightweight (
  Array[String[1], 1] $controllers,
  Hash[String[1], String[1]] $controller_addresses,
  Hash[String[1], String[1], 1] $vips,
  Array[String[1]] $systemd_services,
  String $root = '',
  Boolean $manage_systemd_services = $facts['service_provider'] == 'systemd',
) {
  cs_property { 'symmetric-cluster': value => 'false' }
  cs_property { 'stonith-enabled': value => 'false' }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }
  $ops = { 'monitor' => { 'interval' => '20s', 'timeout' => '20s' } }
  $promotable_ops = {
    'monitor' => [{ 'interval' => '30s', 'role' => 'Unpromoted', 'timeout' => '20s' }, { 'interval' => '20s', 'role' => 'Promoted', 'timeout' => '20s' }],
  }

  # --- HAProxy (configuration + cloned service) and the VIPs that follow it -------------------
  file { ["${root}/etc", "${root}/etc/haproxy"]:
    ensure => directory,
  }
  class { 'haproxy':
    config_file      => "${root}/etc/haproxy/haproxy.cfg",
    config_dir       => "${root}/etc/haproxy/conf.d",
    global_options   => { 'maxconn' => '16000' },
    defaults_options => { 'mode' => 'http', 'option' => ['redispatch'], 'timeout' => ['connect 10s', 'client 1m', 'server 1m', 'check 10s'] },
  }
  openstack_extras::pacemaker::service { 'haproxy':
    primitive_type => 'Dummy',
    operations     => $ops,
    clone          => true,
    use_handler    => false,
  }
  $server_addresses = $controllers.map |$controller| { $controller_addresses[$controller] }
  $http_services = { 'keystone' => '5000', 'glance-api' => '9292', 'nova-api' => '8774', 'neutron-server' => '9696' }
  $http_services.each |String $daemon, String $port| {
    haproxy::listen { $daemon:
      ipaddress => $vips.values,
      ports     => $port,
      options   => { 'option' => ['httpchk', 'httplog'], 'balance' => 'source' },
    }
    haproxy::balancermember { $daemon:
      listening_service => $daemon,
      server_names      => $controllers,
      ipaddresses       => $server_addresses,
      ports             => $port,
      options           => 'check inter 1s',
    }
  }

  $vips.each |String $name, String $address| {
    cs_primitive { "vip__${name}":
      primitive_class => 'ocf',
      provided_by     => 'heartbeat',
      primitive_type  => 'IPaddr2',
      parameters      => { 'ip' => $address, 'cidr_netmask' => '24' },
      operations      => { 'monitor' => { 'interval' => '10s', 'timeout' => '20s' } },
    }
    cs_colocation { "vip__${name}-with-haproxy":
      primitives => ['p_haproxy-clone', "vip__${name}"],
    }
    cs_order { "haproxy-before-vip__${name}":
      first  => 'p_haproxy-clone',
      second => "vip__${name}",
    }
  }

  # --- the stateful services in Pacemaker ----------------------------------------------------
  ['rabbitmq-server', 'mongod'].each |String $daemon| {
    service { $daemon: ensure => running }
    openstack_extras::pacemaker::service { $daemon:
      primitive_type => 'Dummy',
      operations     => $ops,
      clone          => true,
      use_handler    => false,
    }
  }
  # One active cinder-volume for the whole cluster.
  service { 'cinder-volume': ensure => running }
  openstack_extras::pacemaker::service { 'cinder-volume':
    primitive_type => 'Dummy',
    operations     => $ops,
    use_handler    => false,
  }
  # Galera and Redis: one promoted instance, replicas elsewhere.
  ['mysql', 'redis'].each |String $daemon| {
    cs_primitive { "p_${daemon}":
      primitive_class => 'ocf',
      provided_by     => 'pacemaker',
      primitive_type  => 'Stateful',
      promotable      => true,
      operations      => $promotable_ops,
      ms_metadata     => { 'notify' => 'true', 'interleave' => 'true' },
    }
    service { $daemon: ensure => running }
    openstack_extras::pacemaker::service { $daemon:
      create_primitive => false,
      use_handler      => false,
    }
    Cs_primitive["p_${daemon}"] -> Service[$daemon]
  }

  $cluster_resources = ['p_haproxy-clone', 'p_rabbitmq-server-clone', 'p_mongod-clone', 'p_cinder-volume', 'ms_p_mysql', 'ms_p_redis']
    + $vips.keys.map |$name| { "vip__${name}" }
  $cluster_resources.each |String $rsc| {
    $controllers.each |String $controller| {
      cs_location { "${rsc}-on-${controller}":
        primitive => $rsc,
        node_name => $controller,
        score     => '0',
      }
    }
  }
  Cs_primitive <| |> -> Cs_clone <| |> -> Cs_location <| |> -> Service <| |>
  Cs_clone <| |> -> Cs_colocation <| |>
  Cs_clone <| |> -> Cs_order <| |>

  # --- everything else: systemd, restarted on failure -----------------------------------------
  file { ["${root}/etc/systemd", "${root}/etc/systemd/system"]:
    ensure => directory,
  }
  $systemd_services.each |String $daemon| {
    file { "${root}/etc/systemd/system/${daemon}.service.d":
      ensure => directory,
    }
    file { "${root}/etc/systemd/system/${daemon}.service.d/restart.conf":
      ensure  => file,
      content => "# Managed by papply (lightweight): systemd restarts ${daemon} when it fails.\n[Service]\nRestart=on-failure\nRestartSec=5s\n",
    }
    if $manage_systemd_services {
      File["${root}/etc/systemd/system/${daemon}.service.d/restart.conf"]
      ~> Exec['lightweight-systemd-reload']
      -> service { $daemon:
        ensure   => running,
        enable   => true,
        provider => 'systemd',
      }
    }
  }
  if $manage_systemd_services {
    exec { 'lightweight-systemd-reload':
      command     => '/bin/systemctl daemon-reload',
      refreshonly => true,
    }
  }
}

node default {
  $lightweight_data = {
    'controllers'          => ['node-1', 'node-2', 'node-3'],
    'controller_addresses' => { 'node-1' => '10.213.0.11', 'node-2' => '10.213.0.12', 'node-3' => '10.213.0.13' },
    'vips'                 => { 'public' => '192.0.2.20', 'management' => '10.213.0.120' },
    'systemd_services'     => ['keystone', 'glance-api', 'nova-api', 'nova-scheduler', 'nova-conductor', 'neutron-server', 'heat-api'],
  }
  $overrides = $facts['lightweight'] ? {
    Hash    => $facts['lightweight'],
    default => {},
  }
  class { 'lightweight':
    * => $lightweight_data + $overrides,
  }
}
