# A wrapper's collectors reach services declared later, in classes evaluated after the wrapper.
ha::pacemaker_service { 'rabbitmq-server':
  clone => true,
}
ha::pacemaker_service { 'memcached': }

class queue {
  service { 'rabbitmq-server':
    ensure => running,
    enable => true,
  }
}
class cache {
  service { 'memcached-svc':
    ensure => running,
    name   => 'memcached',
  }
}
include ha::params
include queue
include cache
