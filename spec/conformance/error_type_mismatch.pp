# Must fail: a typed class parameter given a value of the wrong type.
class listener (
  Integer[1, 65535] $port,
  String $bind = '0.0.0.0',
) {
  notify { "listen ${bind}:${port}": }
}

class { 'listener':
  port => '8080',
}
