# Corosync membership (knet unicast nodelist) and the cluster-wide Pacemaker options of an
# asymmetric cluster.
#
# When the member list changes (a controller is added or removed), the cluster is put into
# maintenance mode first, so Pacemaker leaves every resource where it runs; corosync then takes
# the new configuration (`restart_command`; the default reloads the nodelist in place, as
# corosync 3 can), and maintenance mode is lifted again. Adding a controller never restarts
# the services of the others.
#
# nodes: node name => ring0 address, e.g. { 'node-1' => '10.0.0.11', 'node-2' => '10.0.0.12' }.
# Node ids follow the order of the hash, starting at 1, so keep existing entries in place.
# token: totem token timeout (ms); logging: the logging section's options, in order.
class corosync (
  Hash[String[1], String[1]] $nodes,
  String[1] $cluster_name = 'papply',
  Pattern[/\A\//] $config_file = '/etc/corosync/corosync.conf',
  Enum['knet', 'udpu'] $transport = 'knet',
  Boolean $two_node = false,
  String[1] $restart_command = '/usr/sbin/corosync-cfgtool -R',
  Boolean $manage_properties = true,
  Boolean $symmetric_cluster = false,
  Boolean $stonith_enabled = false,
  Enum['stop', 'ignore', 'freeze', 'suicide', 'demote'] $no_quorum_policy = 'stop',
  Optional[Integer[0]] $resource_stickiness = undef,
  Optional[Integer[1]] $token = undef,
  Hash[String[1], String[1]] $logging = {
    'to_logfile' => 'yes',
    'logfile'    => '/var/log/corosync/corosync.log',
    'to_syslog'  => 'no',
    'timestamp'  => 'on',
  },
) {
  $maintenance = '/usr/sbin/crm_attribute --type crm_config --name maintenance-mode --update'

  file { $config_file:
    ensure  => file,
    owner   => 'root',
    group   => 'root',
    mode    => '0644',
    content => template('corosync/corosync.conf.erb'),
  }

  exec { 'corosync-maintenance-on':
    command     => "${maintenance} true",
    path        => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'],
    refreshonly => true,
  }
  exec { 'corosync-take-membership':
    command     => $restart_command,
    path        => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'],
    refreshonly => true,
  }
  exec { 'corosync-maintenance-off':
    command     => "${maintenance} false",
    path        => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'],
    refreshonly => true,
  }

  File[$config_file]
  ~> Exec['corosync-maintenance-on']
  ~> Exec['corosync-take-membership']
  ~> Exec['corosync-maintenance-off']

  if $manage_properties {
    cs_property { 'symmetric-cluster':
      value => String($symmetric_cluster),
    }
    cs_property { 'stonith-enabled':
      value => String($stonith_enabled),
    }
    cs_property { 'no-quorum-policy':
      value => $no_quorum_policy,
    }
    if $resource_stickiness != undef {
      cs_rsc_defaults { 'resource-stickiness':
        value => String($resource_stickiness),
      }
    }
  }
}
