# A virtual IP as an IPaddr2 primitive, colocated with and ordered before the services that use it.
define ha::vip (
  $ip,
  $cidr_netmask = $ha::params::vip_netmask,
  $nic          = 'eth0',
  $with         = [],
) {
  include ha::params

  cs_primitive { "vip__${name}":
    primitive_class => 'ocf',
    provided_by     => 'heartbeat',
    primitive_type  => 'IPaddr2',
    parameters      => { 'ip' => $ip, 'cidr_netmask' => $cidr_netmask, 'nic' => $nic },
    operations      => { 'monitor' => { 'interval' => '10s', 'timeout' => '20s' } },
  }

  $with.each |$service| {
    cs_colocation { "vip__${name}-with-${service}":
      primitives => ["vip__${name}", "p_${service}"],
    }
    cs_order { "vip__${name}-before-${service}":
      first  => "vip__${name}",
      second => "p_${service}",
      kind   => 'Optional',
    }
  }
}
