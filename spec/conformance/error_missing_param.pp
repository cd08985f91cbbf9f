# Must fail: a define instance without a required parameter.
define needs::address ($address, $port = 80) {
  notify { "${title} ${address}:${port}": }
}
needs::address { 'web':
  port => 8080,
}
