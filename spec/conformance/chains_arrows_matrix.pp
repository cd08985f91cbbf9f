# Chains of every arrow kind with inline declarations, arrays of references, collectors and classes;
# relationship metaparameters on one resource.
package { 'haproxy': ensure => installed }
-> file { '/etc/haproxy/haproxy.cfg': content => 'x' }
~> service { 'haproxy': ensure => running }
file { ['/etc/a', '/etc/b']: } -> [Package['haproxy'], File['/etc/haproxy/haproxy.cfg']]
Service['haproxy'] <- Package['haproxy']
Service['haproxy'] <~ File['/etc/a']
class first { notify { 'in first': } }
class second { notify { 'in second': } }
include first, second
Class['first'] -> Class['second']
notify { 'n1': } -> notify { 'n2': } -> notify { 'n3': }
$refs = [Notify['n1'], Notify['n3']]
$refs -> File['/etc/b']
File <| title == '/etc/a' |> ~> Notify['n2']
exec { 'x': command => '/bin/true', require => [Package['haproxy'], File['/etc/a']], before => Service['haproxy'], subscribe => File['/etc/b'], notify => Notify['n1'] }
