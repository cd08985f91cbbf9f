# Must fail: a class declared resource-like after it was already included.
class listener ($port = 80) {
  notify { "port ${port}": }
}
include listener
class { 'listener':
  port => 8080,
}
