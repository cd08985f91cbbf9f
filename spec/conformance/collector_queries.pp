# Collector queries: ==, !=, and, or, parentheses, attribute and tag matching, array attributes.
@service { 'haproxy': ensure => running, tag => ['lb', 'frontend'] }
@service { 'keepalived': ensure => stopped, tag => ['lb'] }
@service { 'memcached': ensure => running, tag => 'cache' }
@service { 'rabbitmq-server': ensure => running, tag => ['queue'] }
@service { 'redis': ensure => stopped, tag => ['cache', 'queue'] }
@file { '/etc/a': ensure => file, mode => '0600' }
@file { '/etc/b': ensure => file, mode => '0644' }

Service <| tag == 'lb' and ensure == 'running' |> { enable => true }
Service <| (tag == 'cache' or tag == 'queue') and title != 'redis' |>
Service <| ensure == stopped |> { enable => false }
File <| mode != '0600' |>
