# Resource defaults, dynamically scoped into included classes and defines, overridden per resource.
File {
  owner => 'root',
  group => 'root',
  mode  => '0644',
}
Service {
  hasstatus => true,
}

class corosync_config {
  File {
    mode => '0600',
  }
  file { '/etc/corosync/corosync.conf':
    content => "totem {}\n",
  }
  file { '/etc/corosync/authkey':
    content => 'secret',
    mode    => '0400',
  }
  service { 'corosync': ensure => running }
}

define logfile($path = $title) {
  file { $path: ensure => file }
}

include corosync_config
logfile { '/var/log/cluster.log': }
file { '/etc/hosts.allow': ensure => file }
