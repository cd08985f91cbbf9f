# Collectors with overrides apply to resources declared after them, and realize virtual ones.
Service <| tag == 'ha' |> {
  provider => 'pacemaker',
  enable   => false,
}

Package <| title == 'memcached' |> {
  ensure => '1.6.18-1',
}

service { 'memcached':
  ensure => running,
  tag    => ['ha', 'cache'],
}

@package { 'memcached':
  ensure => installed,
}

service { 'sshd':
  ensure => running,
}

class cachehost {
  service { 'keepalived':
    ensure => stopped,
    tag    => 'ha',
  }
}
include cachehost
