# Collapsed HA controllers: every controller runs the whole control plane, Pacemaker keeps it
# available.
#   - virtual IPs, each following a running HAProxy (cloned) and started after it;
#   - HAProxy configured section by section (keystone, glance, galera in active/passive with a
#     stick table and backup servers), its service handed to Pacemaker;
#   - Galera (mysql) as a promotable clone, RabbitMQ as a clone;
#   - keystone and glance as clones, glance started after keystone.
# The OpenStack daemons are stood in for by ocf:pacemaker:Dummy (and ocf:pacemaker:Stateful for
# the promotable Galera), so the scenario runs anywhere: on a CIB file played by crm_simulate, or
# on a real cluster.
#
# Data: the hash $ha_controllers_data below (what Hiera would hold); a fact `ha_controllers`
# (a hash, e.g. from `--facts`) overrides any of its keys.
class ha_controllers (
  Array[String[1], 1] $controllers,
  Hash[String[1], String[1]] $controller_addresses,
  Hash[String[1], String[1], 1] $vips,
  String[1] $cidr_netmask = '24',
  # 'IPaddr2' (ocf:heartbeat) for real addresses; 'Dummy' (ocf:pacemaker) to stand in.
  Enum['IPaddr2', 'Dummy'] $vip_agent = 'IPaddr2',
  String[1] $daemon_agent = 'Dummy',
  String[1] $promotable_agent = 'Stateful',
  # Prefix of every file path (a scratch root in tests; '' on a real controller).
  String $root = '',
  # Manage corosync.conf membership through class corosync (only where corosync runs);
  # corosync_options: further parameters of class corosync (token, logging, config_file ...).
  Boolean $manage_corosync = false,
  Hash $corosync_options = {},
  # How a configuration change reaches HAProxy: undef refreshes the service (under Pacemaker: a
  # restart of the clone instance); a command reloads it in place instead.
  Optional[String[1]] $haproxy_reload_command = undef,
) {
  $fail_if_unknown = $controllers.filter |$controller| { !($controller in $controller_addresses) }
  unless empty($fail_if_unknown) {
    fail("ha_controllers: no address for ${join($fail_if_unknown, ', ')} in controller_addresses")
  }

  # --- cluster options (asymmetric: resources run only where a location allows them) ----------
  if $manage_corosync {
    $membership = $controllers.reduce({}) |$all, $controller| { $all + { $controller => $controller_addresses[$controller] } }
    class { 'corosync':
      nodes             => $membership,
      symmetric_cluster => false,
      stonith_enabled   => false,
      *                 => $corosync_options,
    }
  } else {
    cs_property { 'symmetric-cluster': value => 'false' }
    cs_property { 'stonith-enabled': value => 'false' }
  }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }

  $dummy_ops = { 'monitor' => { 'interval' => '20s', 'timeout' => '20s' } }

  # --- HAProxy: configuration files, the service handed to Pacemaker as a clone ---------------
  $root_dirs = $root ? {
    ''      => [],
    default => [$root],
  }
  file { $root_dirs + ["${root}/etc", "${root}/etc/haproxy"]:
    ensure => directory,
  }
  class { 'haproxy':
    config_file      => "${root}/etc/haproxy/haproxy.cfg",
    config_dir       => "${root}/etc/haproxy/conf.d",
    global_options   => { 'maxconn' => '16000', 'log' => '/dev/log local0' },
    defaults_options => {
      'log'     => 'global',
      'mode'    => 'tcp',
      'option'  => ['redispatch', 'tcplog'],
      'retries' => '3',
      'timeout' => ['connect 10s', 'client 1m', 'server 1m', 'check 10s'],
    },
    reload_command   => $haproxy_reload_command,
  }
  openstack_extras::pacemaker::service { 'haproxy':
    primitive_type => $daemon_agent,
    operations     => $dummy_ops,
    metadata       => { 'migration-threshold' => '3', 'failure-timeout' => '120' },
    clone          => true,
    use_handler    => false,
  }

  $vip_addresses = $vips.values
  $server_addresses = $controllers.map |$controller| { $controller_addresses[$controller] }
  $public_vip = $vips[$vips.keys[0]]

  haproxy::listen { 'keystone-public':
    ipaddress => $vip_addresses,
    ports     => '5000',
    mode      => 'http',
    options   => { 'option' => ['httpchk GET /v3', 'httplog', 'forwardfor'], 'balance' => 'source' },
  }
  haproxy::balancermember { 'keystone-public':
    listening_service => 'keystone-public',
    server_names      => $controllers,
    ipaddresses       => $server_addresses,
    ports             => '5000',
    options           => 'check inter 1s',
  }
  haproxy::listen { 'glance-api':
    ipaddress => $vip_addresses,
    ports     => '9292',
    mode      => 'http',
    options   => { 'option' => ['httpchk GET /healthcheck', 'httplog'], 'balance' => 'source' },
  }
  haproxy::balancermember { 'glance-api':
    listening_service => 'glance-api',
    server_names      => $controllers,
    ipaddresses       => $server_addresses,
    ports             => '9292',
    options           => 'check inter 1s',
  }
  # Galera active/passive: every client on the first server, the others only as backups; the
  # stick table keeps clients on the node they were sent to.
  haproxy::listen { 'mysqld':
    ipaddress => $public_vip,
    ports     => '3306',
    mode      => 'tcp',
    options   => [
      { 'option' => ['httpchk', 'tcpka'] },
      { 'stick-table' => 'type ip size 1000', 'stick' => 'on dst' },
      { 'timeout' => ['client 28801s', 'server 28801s'] },
    ],
  }
  haproxy::balancermember { 'mysqld':
    listening_service => 'mysqld',
    server_names      => $controllers,
    ipaddresses       => $server_addresses,
    ports             => '3306',
    options           => 'check port 49000 inter 20s fastinter 2s downinter 2s rise 3 fall 3',
    define_backups    => true,
  }

  # --- virtual IPs: where HAProxy runs, after it ----------------------------------------------
  $vips.each |String $name, String $address| {
    $vip = "vip__${name}"
    if $vip_agent == 'IPaddr2' {
      cs_primitive { $vip:
        primitive_class => 'ocf',
        provided_by     => 'heartbeat',
        primitive_type  => 'IPaddr2',
        parameters      => { 'ip' => $address, 'cidr_netmask' => $cidr_netmask },
        operations      => { 'monitor' => { 'interval' => '10s', 'timeout' => '20s' } },
      }
    } else {
      cs_primitive { $vip:
        primitive_class => 'ocf',
        provided_by     => 'pacemaker',
        primitive_type  => 'Dummy',
        parameters      => { 'fake' => $address },
        operations      => $dummy_ops,
      }
    }
    cs_colocation { "${vip}-with-haproxy":
      primitives => ['p_haproxy-clone', $vip],
      require    => Cs_clone['p_haproxy-clone'],
    }
    cs_order { "haproxy-before-${vip}":
      first   => 'p_haproxy-clone',
      second  => $vip,
      kind    => 'Mandatory',
      require => Cs_clone['p_haproxy-clone'],
    }
    $controllers.each |String $controller| {
      cs_location { "${vip}-on-${controller}":
        primitive => $vip,
        node_name => $controller,
        score     => '0',
        require   => Cs_primitive[$vip],
      }
    }
  }

  # --- Galera as a promotable clone --------------------------------------------------------
  cs_primitive { 'p_mysql':
    primitive_class => 'ocf',
    provided_by     => 'pacemaker',
    primitive_type  => $promotable_agent,
    promotable      => true,
    operations      => {
      'monitor'   => [{ 'interval' => '30s', 'role' => 'Unpromoted', 'timeout' => '20s' }, { 'interval' => '20s', 'role' => 'Promoted', 'timeout' => '20s' }],
    },
    ms_metadata     => { 'notify' => 'true', 'interleave' => 'true', 'promoted-max' => '1' },
  }
  service { 'mysql':
    ensure => running,
  }
  openstack_extras::pacemaker::service { 'mysql':
    create_primitive => false,
    use_handler      => false,
  }
  Cs_primitive['p_mysql'] -> Service['mysql']

  # --- RabbitMQ, keystone, glance as clones through the openstack_extras wrapper --------------
  service { ['rabbitmq-server', 'keystone', 'glance-api']:
    ensure => running,
  }
  ['rabbitmq-server', 'keystone', 'glance-api'].each |String $daemon| {
    openstack_extras::pacemaker::service { $daemon:
      primitive_type => $daemon_agent,
      operations     => $dummy_ops,
      clone          => true,
      use_handler    => false,
    }
  }
  # Interleaved clones: an instance depends on the instances on its own node only, so starting a
  # controller's keystone does not restart glance everywhere (the wrapper leaves interleave unset).
  Cs_clone <| |> { interleave => true }
  cs_order { 'keystone-before-glance':
    first   => 'p_keystone-clone',
    second  => 'p_glance-api-clone',
    kind    => 'Mandatory',
    require => [Cs_clone['p_keystone-clone'], Cs_clone['p_glance-api-clone']],
  }
  # The control plane talks to the database and the message queue: start them first.
  Service['mysql'] -> Service['rabbitmq-server'] -> Service['keystone'] -> Service['glance-api']

  # Clones may run on every controller.
  $clones = ['p_haproxy-clone', 'ms_p_mysql', 'p_rabbitmq-server-clone', 'p_keystone-clone', 'p_glance-api-clone']
  $clones.each |String $clone| {
    $controllers.each |String $controller| {
      cs_location { "${clone}-on-${controller}":
        primitive => $clone,
        node_name => $controller,
        score     => '0',
      }
    }
  }
  # Constraints first, so a service start sees every controller allowed.
  Cs_clone <| |> -> Cs_location <| |> -> Service <| |>
  Cs_primitive['p_mysql'] -> Cs_location <| primitive == 'ms_p_mysql' |>
}

node default {
  $ha_controllers_data = {
    'controllers'          => ['node-1', 'node-2', 'node-3'],
    'controller_addresses' => { 'node-1' => '10.213.0.11', 'node-2' => '10.213.0.12', 'node-3' => '10.213.0.13' },
    'vips'                 => { 'public' => '192.0.2.10', 'management' => '10.213.0.100' },
  }
  $overrides = $facts['ha_controllers'] ? {
    Hash    => $facts['ha_controllers'],
    default => {},
  }
  class { 'ha_controllers':
    * => $ha_controllers_data + $overrides,
  }
}
