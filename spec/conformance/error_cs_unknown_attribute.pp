# Must fail: cs_order has no 'weight' (Pacemaker's old name for the score); Puppet's type refuses it.
cs_primitive { 'p_haproxy':
  primitive_class => 'ocf',
  provided_by     => 'pacemaker',
  primitive_type  => 'haproxy',
}
cs_primitive { 'vip__public':
  primitive_class => 'ocf',
  provided_by     => 'heartbeat',
  primitive_type  => 'IPaddr2',
  parameters      => { 'ip' => '192.0.2.10' },
}
cs_order { 'vip-before-haproxy':
  first  => 'vip__public',
  second => 'p_haproxy',
  weight => 'INFINITY',
}
