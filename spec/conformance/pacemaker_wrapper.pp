# The field's pattern: services declared by a profile are handed to Pacemaker by a wrapper define.
include ha

service { 'haproxy':
  ensure => running,
  enable => false,
}

ha::pacemaker_service { 'haproxy':
  primitive_type => 'haproxy',
  parameters     => { 'conffile' => '/etc/haproxy/haproxy.cfg' },
  operations     => {
    'monitor' => { 'interval' => '20', 'timeout' => '10' },
    'start'   => { 'timeout' => '60' },
  },
  metadata       => { 'migration-threshold' => '3', 'failure-timeout' => '120' },
  use_handler    => true,
  clone          => true,
}

ha::vip { 'public':
  ip   => '192.168.10.100',
  with => ['haproxy'],
}
