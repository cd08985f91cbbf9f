# A large cluster: a few full cluster nodes (corosync members, the control plane) and many
# Pacemaker Remote nodes (compute hosts) that run resources without joining corosync. Each remote
# node is an ocf:pacemaker:remote connection resource, allowed on the cluster nodes; the compute
# service is a clone that may run only on remote nodes, the API clone only on cluster nodes.
# Cluster and remote nodes share the authkey (class pacemaker_remote).
#
# Data: $large_cluster_data, overridden by a fact `large_cluster` (a hash).
class large_cluster (
  Array[String[1], 1] $cluster_nodes,
  Hash[String[1], String[1]] $remote_nodes,
  String[1] $authkey,
  String $root = '',
) {
  cs_property { 'symmetric-cluster': value => 'false' }
  cs_property { 'stonith-enabled': value => 'false' }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }

  file { "${root}/etc":
    ensure => directory,
  }
  class { 'pacemaker_remote':
    authkey    => $authkey,
    config_dir => "${root}/etc/pacemaker",
  }

  $remote_nodes.each |String $remote, String $address| {
    pacemaker_remote::node { $remote:
      address    => $address,
      allowed_on => $cluster_nodes,
      require    => Class['pacemaker_remote'],
    }
  }

  $ops = { 'monitor' => { 'interval' => '30s', 'timeout' => '20s' } }
  $workloads = {
    'p_nova-compute-clone' => { 'primitive' => 'p_nova-compute', 'hosts' => $remote_nodes.keys },
    'p_nova-api-clone'     => { 'primitive' => 'p_nova-api', 'hosts' => $cluster_nodes },
  }
  $workloads.each |String $clone, Hash $workload| {
    cs_primitive { $workload['primitive']:
      primitive_class => 'ocf',
      provided_by     => 'pacemaker',
      primitive_type  => 'Dummy',
      operations      => $ops,
    }
    cs_clone { $clone:
      primitive  => $workload['primitive'],
      interleave => true,
    }
    $workload['hosts'].each |String $host| {
      cs_location { "${clone}-on-${host}":
        primitive => $clone,
        node_name => $host,
        score     => '0',
        # A remote node exists once its connection resource does.
        require   => $host in $remote_nodes ? {
          true    => [Cs_clone[$clone], Cs_primitive[$host]],
          default => Cs_clone[$clone],
        },
      }
    }
  }
}

node default {
  $large_cluster_data = {
    'cluster_nodes' => ['node-1', 'node-2', 'node-3'],
    'remote_nodes'  => Integer[1, 12].reduce({}) |$all, $index| { $all + { "compute-${index}" => "10.213.1.${index}" } },
    'authkey'       => 'papply-example-authkey-not-a-secret',
  }
  $overrides = $facts['large_cluster'] ? {
    Hash    => $facts['large_cluster'],
    default => {},
  }
  class { 'large_cluster':
    * => $large_cluster_data + $overrides,
  }
}
