# Pacemaker resources as the field writes them: promotable (ms) primitives, groups, location
# rules, role-aware colocation, ordering kinds, operations as an array, and collector chains.
class galera_cluster (
  $nodes = ['node-1', 'node-2', 'node-3'],
) {
  cs_property { 'stonith-enabled': value => false }
  cs_property { 'no-quorum-policy': value => 'stop', replace => false }
  cs_rsc_defaults { 'resource-stickiness': value => 100 }

  cs_primitive { 'galera':
    primitive_class => 'ocf',
    provided_by     => 'heartbeat',
    primitive_type  => 'galera',
    promotable      => true,
    parameters      => {
      'wsrep_cluster_address' => "gcomm://${nodes.join(',')}",
      'enable_creation'       => true,
    },
    operations      => [
      { 'monitor' => { 'interval' => '20s', 'timeout' => '30s' } },
      { 'monitor' => { 'interval' => '10s', 'role' => 'Master', 'timeout' => '30s' } },
      { 'promote' => { 'timeout' => '300s', 'on-fail' => 'block' } },
    ],
    metadata        => { 'failure-timeout' => '5min' },
    ms_metadata     => { 'master-max' => size($nodes), 'ordered' => true, 'interleave' => true },
  }
  cs_primitive { 'vip__management':
    primitive_class => 'ocf',
    provided_by     => 'heartbeat',
    primitive_type  => 'IPaddr2',
    parameters      => { 'ip' => '10.0.0.10', 'cidr_netmask' => '24' },
    operations      => { 'monitor' => { 'interval' => '3s' } },
  }
  cs_primitive { 'ping_gateway':
    primitive_class => 'ocf',
    provided_by     => 'pacemaker',
    primitive_type  => 'ping',
    parameters      => { 'host_list' => '10.0.0.1', 'multiplier' => 1000 },
  }
  cs_group { 'grp_management': primitives => ['vip__management', 'ping_gateway'] }
  cs_clone { 'ping_gateway-clone': primitive => 'ping_gateway', interleave => true }
  cs_colocation { 'vip-with-galera-master':
    primitives => ['ms_galera:Master', 'vip__management'],
    score      => 'INFINITY',
  }
  cs_order { 'galera-before-vip':
    first       => 'ms_galera:promote',
    second      => 'vip__management:start',
    kind        => 'Mandatory',
    symmetrical => false,
  }
  cs_location { 'vip-on-connected':
    primitive => 'vip__management',
    rules     => [
      { 'score' => '-INFINITY', 'boolean' => 'or', 'expressions' => [
        { 'attribute' => 'pingd', 'operation' => 'not_defined' },
        { 'attribute' => 'pingd', 'operation' => 'lte', 'value' => '0' },
      ] },
    ],
  }
  $nodes.each |$index, $node| {
    cs_location { "galera-prefers-${node}":
      primitive          => 'ms_galera',
      node_name          => $node,
      score              => 100 - $index * 10,
      resource_discovery => 'exclusive',
    }
  }

  Cs_property <| |> -> Cs_rsc_defaults <| |> -> Cs_primitive <| |>
  Cs_primitive <| |> -> Cs_group <| |>
  Cs_primitive <| |> -> Cs_clone <| |>
  Cs_primitive['galera'] -> Cs_colocation['vip-with-galera-master'] -> Cs_order['galera-before-vip']
}

include galera_cluster
