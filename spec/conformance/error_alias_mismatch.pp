# Must fail: a value outside a module's type alias.
class listener_port (Ha::Port $port) {
  notify { "listen ${port}": }
}
class { 'listener_port':
  port => 70000,
}
