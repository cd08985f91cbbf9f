# Metaparameters on classes and defines, and relationships between classes and define instances.
class repo {
  file { '/etc/yum.repos.d/ha.repo': ensure => file }
}
class packages {
  package { 'pacemaker': ensure => installed }
}
define ha_user ($uid) {
  user { $title: uid => $uid }
}
class { 'repo':
  tag => 'bootstrap',
}
class { 'packages':
  require => Class['repo'],
  notify  => Ha_user['hacluster'],
}
ha_user { 'hacluster':
  uid    => 189,
  before => Service['pacemaker'],
  tag    => 'accounts',
}
service { 'pacemaker':
  ensure    => running,
  subscribe => [Class['packages'], Ha_user['hacluster']],
}
Ha_user['hacluster'] -> Class['repo']
