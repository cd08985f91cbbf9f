# Must fail: the same attribute twice in a resource body (a copy-paste slip).
file { '/etc/corosync/corosync.conf':
  ensure  => file,
  owner   => 'root',
  mode    => '0640',
  content => "totem {\n}\n",
  mode    => '0600',
}
