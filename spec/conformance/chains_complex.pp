# Chains: arrays of references, reverse arrows, declarations inside chains, class references.
class first_stage {
  notify { 'first': }
}
class second_stage {
  notify { 'second': }
}
include first_stage, second_stage

package { 'corosync': ensure => installed }
-> file { '/etc/corosync/corosync.conf': ensure => file }
~> service { 'corosync': ensure => running }

[Package['corosync'], File['/etc/corosync/corosync.conf']] -> Notify['first']
Service['corosync'] <- Class['first_stage']
Notify['second'] <~ Service['corosync']
Class['first_stage'] -> Class['second_stage']

$services = ['pacemaker', 'pcsd']
service { $services: ensure => running }
Service['corosync'] -> Service[$services]
