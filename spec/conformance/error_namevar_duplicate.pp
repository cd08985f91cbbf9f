# Must fail: two titles naming the same file path.
file { 'motd':
  path    => '/etc/motd',
  content => 'one',
}
file { '/etc/motd':
  content => 'two',
}
