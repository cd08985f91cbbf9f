# Core resource types, array titles, relationship metaparameters and chains between references.
package { ['haproxy', 'socat']:
  ensure => installed,
}

file { '/etc/haproxy':
  ensure => directory,
  owner  => 'root',
  group  => 'root',
  mode   => '0755',
}

file { '/etc/haproxy/haproxy.cfg':
  ensure  => file,
  content => "global\n  daemon\n",
  require => [Package['haproxy'], File['/etc/haproxy']],
  notify  => Service['haproxy'],
}

service { 'haproxy':
  ensure     => running,
  enable     => true,
  hasstatus  => true,
  hasrestart => true,
}

exec { 'reload-sysctl':
  command     => '/sbin/sysctl -p',
  refreshonly => true,
  subscribe   => File['/etc/haproxy/haproxy.cfg'],
}

Package['socat'] -> Service['haproxy']
File['/etc/haproxy'] ~> Exec['reload-sysctl']
