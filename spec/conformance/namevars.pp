# Titles and namevars: name/path/command differ from the title; references use the title.
package { 'web-server':
  ensure => installed,
  name   => 'nginx',
}
file { 'motd':
  path    => '/etc/motd',
  content => 'hello',
}
exec { 'rebuild-cache':
  command     => '/usr/bin/true',
  refreshonly => true,
  subscribe   => [Package['web-server'], File['motd']],
}
service { 'web':
  ensure  => running,
  name    => 'nginx',
  require => Package['web-server'],
}
user { 'svc':
  ensure => present,
  name   => 'svc-user',
}
