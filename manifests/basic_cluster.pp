# A basic Pacemaker cluster of 2 to 16 nodes: N virtual IPs, each fronting a cloned HAProxy
# (colocated with it, started after it), and one cloned service behind them. The node list and
# the VIP mappings (name => address) are the parameters; two nodes get no-quorum-policy=ignore
# (no majority is possible when one of two is lost). ocf:pacemaker:Dummy stands in for HAProxy.
#
# Data: $basic_cluster_data, overridden by a fact `basic_cluster` (a hash).
class basic_cluster (
  Array[String[1], 2, 16] $nodes,
  Hash[String[1], String[1], 1] $vips,
  String[1] $cidr_netmask = '24',
  String $root = '',
) {
  $no_quorum_policy = size($nodes) ? {
    2       => 'ignore',
    default => 'stop',
  }
  cs_property { 'symmetric-cluster': value => 'false' }
  cs_property { 'stonith-enabled': value => 'false' }
  cs_property { 'no-quorum-policy': value => $no_quorum_policy }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }

  cs_primitive { 'p_haproxy':
    primitive_class => 'ocf',
    provided_by     => 'pacemaker',
    primitive_type  => 'Dummy',
    operations      => { 'monitor' => { 'interval' => '20s', 'timeout' => '20s' } },
  }
  cs_clone { 'p_haproxy-clone':
    primitive  => 'p_haproxy',
    interleave => true,
  }
  service { 'haproxy':
    ensure   => running,
    provider => 'pacemaker',
  }

  $vips.each |String $name, String $address| {
    $vip = "vip__${name}"
    cs_primitive { $vip:
      primitive_class => 'ocf',
      provided_by     => 'heartbeat',
      primitive_type  => 'IPaddr2',
      parameters      => { 'ip' => $address, 'cidr_netmask' => $cidr_netmask },
      operations      => { 'monitor' => { 'interval' => '10s', 'timeout' => '20s' } },
    }
    cs_colocation { "${vip}-with-haproxy":
      primitives => ['p_haproxy-clone', $vip],
    }
    cs_order { "haproxy-before-${vip}":
      first  => 'p_haproxy-clone',
      second => $vip,
    }
  }

  $placed = ['p_haproxy-clone'] + $vips.keys.map |$name| { "vip__${name}" }
  $placed.each |String $rsc| {
    $nodes.each |String $member| {
      cs_location { "${rsc}-on-${member}":
        primitive => $rsc,
        node_name => $member,
        score     => '0',
      }
    }
  }
  Cs_primitive <| |> -> Cs_clone <| |> -> Cs_location <| |> -> Service['haproxy']
  Cs_clone <| |> -> Cs_colocation <| |>
  Cs_clone <| |> -> Cs_order <| |>
}

node default {
  $basic_cluster_data = {
    'nodes' => ['node-1', 'node-2', 'node-3'],
    'vips'  => { 'public' => '192.0.2.30', 'management' => '10.213.0.130' },
  }
  $overrides = $facts['basic_cluster'] ? {
    Hash    => $facts['basic_cluster'],
    default => {},
  }
  class { 'basic_cluster':
    * => $basic_cluster_data + $overrides,
  }
}
