# Must fail: an alias may not name a resource that is already declared.
service { 'corosync': ensure => running }
service { 'corosync-service':
  ensure => running,
  name   => 'corosync-qdevice',
  alias  => 'corosync',
}
