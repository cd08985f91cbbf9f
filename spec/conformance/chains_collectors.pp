# Chains between collectors and references; the collectors also realize virtual resources.
package { ['pacemaker', 'corosync']:
  ensure => installed,
  tag    => 'cluster-package',
}
@package { 'fence-agents-all':
  ensure => installed,
  tag    => 'cluster-package',
}
service { ['corosync', 'pacemaker']:
  ensure => running,
  tag    => 'cluster-service',
}
file { '/etc/corosync/corosync.conf':
  ensure => file,
}

Package <| tag == 'cluster-package' |> -> File['/etc/corosync/corosync.conf'] ~> Service <| tag == 'cluster-service' |>
Service['corosync'] -> Service['pacemaker']
