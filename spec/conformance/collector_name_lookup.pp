# Collectors selecting by `name ==` and other attributes (not the title), as wrappers do to find
# the service a distribution names differently from its title. What each collector sees must
# follow the parameters as they are at that moment: namevars that differ from the title, resources
# declared after the collector, names changed or set by other collectors' overrides, arrays.

define ha::takeover ($service_name = $title) {
  # The service may be declared under the name only.
  Service <| name == $service_name |> {
    provider => 'base',
    start    => "/usr/sbin/crm resource start p_${service_name}",
  }
}

# Collectors first: everything they match is declared further down.
ha::takeover { 'memcached': }
ha::takeover { 'haproxy': }
ha::takeover { 'RabbitMQ': service_name => 'RabbitMQ-Server' }

# Renames: the first collector gives 'api-old' a new name; the collector for the new name comes
# after it and sees the change in the same pass; the one for the old name comes after it too and
# so never sees the old name.
Service <| title == 'api-old' |> { name => 'api' }
Service <| name == 'api' |> { enable => false }
Service <| name == 'api-old' |> { enable => 'manual' }

# Set by an override where nothing had a name: found by a later collector.
Service <| title == 'worker' |> { name => 'worker-daemon' }
Service <| name == 'worker-daemon' and ensure == 'running' |> { hasstatus => false }

# `name` is not the title: a service without a name parameter is not matched by name.
Service <| name == 'cron' |> { enable => false }
Service <| title == 'cron' or name == 'atd' |> { hasrestart => true }

# Another attribute; array values match when an element equals (case-insensitively).
Exec <| path == '/usr/local/bin' |> { timeout => 60 }
Exec <| cwd == '/TMP' |> { tries => 3 }

# Declared by define instances, so only in the generator passes, after the collectors above have
# run once.
define app::daemon ($daemon_name) {
  service { $title:
    ensure => running,
    name   => $daemon_name,
  }
}
app::daemon { 'memcached-svc': daemon_name => 'memcached' }
app::daemon { 'rabbit': daemon_name => 'rabbitmq-server' }

class services {
  # Title and name differ only in case: name == compares case-insensitively.
  service { 'haproxy-lb':
    ensure => running,
    name   => 'HAProxy',
  }
  service { 'api-old': ensure => running }
  service { 'worker': ensure => running }
  service { 'cron': ensure => running }
  service { 'at-daemon':
    ensure => stopped,
    name   => 'atd',
  }
  exec { 'rotate':
    command => 'logrotate /etc/logrotate.conf',
    path    => ['/usr/sbin', '/usr/local/bin'],
    cwd     => '/tmp',
  }
  exec { 'sync':
    command => 'sync',
    path    => '/bin',
  }
}

include services
