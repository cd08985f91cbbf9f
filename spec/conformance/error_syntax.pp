# Must fail: a syntax error (a missing comma between attributes).
service { 'corosync':
  ensure => running
  enable => true,
}
