# A profile in the field's style: package, config from an ERB template, a service that the
# Pacemaker wrapper takes over, and ordering through chains.
class profile::loadbalancer (
  $vip           = '192.168.10.100',
  $maxconn       = 4096,
  $backends      = { 'api' => 8080, 'web' => 8081 },
  $stats_enabled = true,
) {
  include ha
  $cluster_name = $ha::cluster_name

  package { 'haproxy':
    ensure => installed,
  }
  file { '/etc/haproxy/haproxy.cfg':
    ensure  => file,
    content => template('ha/haproxy.cfg.erb'),
    require => Package['haproxy'],
  }
  service { 'haproxy':
    ensure => running,
    enable => true,
  }
  ha::pacemaker_service { 'haproxy':
    primitive_type => 'haproxy',
    clone          => true,
  }
  ha::vip { 'public':
    ip   => $vip,
    with => ['haproxy'],
  }
  File['/etc/haproxy/haproxy.cfg'] ~> Service['haproxy']
}
