# Aliases name resources in references and relationships.
package { 'pacemaker-cli-utils':
  ensure => installed,
  alias  => ['crm-tools', 'pcmk-cli'],
}
service { 'pacemaker':
  ensure  => running,
  require => Package['crm-tools'],
}
exec { 'wait-for-quorum':
  command     => '/usr/sbin/crm_mon -1',
  refreshonly => true,
  subscribe   => Package['pcmk-cli'],
}
Package['pcmk-cli'] -> Exec['wait-for-quorum']
