# Chains naming a resource by its alias (namevar differing from the title): Puppet records the
# reference as the chain wrote it, on both sides of the arrow.
class wrapper::handover ($service = 'api-daemon') {
  service { 'api':
    ensure => running,
    name   => $service,
  }
  file { 'api-config':
    path    => '/etc/api/api.conf',
    content => "listen 8080\n",
  }
  exec { 'api-reload':
    command     => '/bin/true',
    refreshonly => true,
  }
  File['/etc/api/api.conf'] ~> Service[$service]
  Service[$service] -> Exec['api-reload']
  Exec['api-reload'] <- Package['api-daemon']
  File['api-config'] -> Service['api']
}

package { 'api-daemon': ensure => installed }
include wrapper::handover
notify { 'after-api': require => Service['api-daemon'] }
Service['api-daemon'] -> Notify['after-api']
[File['/etc/api/api.conf'], Package['api-daemon']] -> Notify['after-api']
