# Must fail: a template that does not parse fails the epp() call, naming the place in the template.
class ha::haproxy_listen($servers = ['node-1', 'node-2']) {
  file { '/etc/haproxy/conf.d/020-listen.cfg':
    ensure  => file,
    content => epp('ha/broken_listen.epp', { 'servers' => $servers }),
  }
}
include ha::haproxy_listen
