# Resource reference overrides: from an inheriting class, with +> appends, and on multiple refs.
class base_config {
  file { '/etc/cluster.conf':
    ensure  => file,
    mode    => '0644',
    content => 'base',
    require => Package['corosync'],
  }
  package { ['corosync', 'pacemaker']: ensure => installed }
  service { 'corosync': ensure => running }
}

class tuned_config inherits base_config {
  File['/etc/cluster.conf'] {
    mode    => '0600',
    require +> Package['pacemaker'],
  }
  Package['corosync', 'pacemaker'] {
    ensure => latest,
  }
  Service['corosync'] {
    enable => true,
  }
}

include tuned_config
