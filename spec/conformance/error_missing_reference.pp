# Must fail: a relationship to a resource that is not in the catalog.
package { 'pacemaker': ensure => installed }
service { 'pacemaker':
  ensure  => running,
  require => Package['pacemaker', 'corosync'],
}
