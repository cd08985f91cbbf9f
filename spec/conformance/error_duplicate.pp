# Must fail: the same resource declared twice.
file { '/etc/motd':
  content => 'one',
}

file { '/etc/motd':
  content => 'two',
}
