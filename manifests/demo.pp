# The quickstart example: a virtual IP that follows a cloned HAProxy, and a RabbitMQ service
# handed to Pacemaker through the openstack_extras wrapper. ocf:pacemaker:Dummy agents stand in
# for the daemons, so `scripts/demo` can apply this to a simulated CIB file.
node default {
  $cluster_nodes = ['node-1', 'node-2', 'node-3']

  # An asymmetric cluster: a resource runs only where a location constraint allows it.
  cs_property { 'symmetric-cluster': value => 'false' }
  cs_property { 'stonith-enabled': value => 'false' }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }

  cs_primitive { 'vip__public':
    primitive_class => 'ocf',
    provided_by     => 'heartbeat',
    primitive_type  => 'IPaddr2',
    parameters      => { 'ip' => '192.0.2.10', 'cidr_netmask' => '24' },
    operations      => { 'monitor' => { 'interval' => '10s', 'timeout' => '20s' } },
  }

  cs_primitive { 'p_haproxy':
    primitive_class => 'ocf',
    provided_by     => 'pacemaker',
    primitive_type  => 'Dummy',
    operations      => { 'monitor' => { 'interval' => '20s' } },
  }
  cs_clone { 'p_haproxy-clone':
    primitive  => 'p_haproxy',
    interleave => true,
  }

  $cluster_nodes.each |String $cluster_node| {
    cs_location { "vip__public-on-${cluster_node}":
      primitive => 'vip__public',
      node_name => $cluster_node,
      score     => '0',
    }
    cs_location { "p_haproxy-clone-on-${cluster_node}":
      primitive => 'p_haproxy-clone',
      node_name => $cluster_node,
      score     => '0',
    }
  }

  # The VIP lives where HAProxy runs, and only once HAProxy has started there.
  cs_colocation { 'vip__public-with-haproxy':
    primitives => ['p_haproxy-clone', 'vip__public'],
  }
  cs_order { 'haproxy-before-vip__public':
    first  => 'p_haproxy-clone',
    second => 'vip__public',
    kind   => 'Mandatory',
  }

  # A service declared as usual, then handed to Pacemaker by the wrapper.
  service { 'rabbitmq-server':
    ensure => running,
  }
  openstack_extras::pacemaker::service { 'rabbitmq-server':
    primitive_type => 'Dummy',
    clone          => true,
    use_handler    => false,
  }
}
