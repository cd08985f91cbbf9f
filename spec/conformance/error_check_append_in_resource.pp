# `+>` adds to a value set elsewhere: only overrides and collectors may use it.
service { 'haproxy':
  ensure  => running,
  require +> Package['haproxy'],
}
