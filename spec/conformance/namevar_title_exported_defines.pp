# A namevar that only repeats the title is left out of the catalog (Puppet keeps it when it differs),
# and an exported define instance is listed (exported) but never evaluated without storeconfigs.
define lb::member ($service, $port = 80, $options = 'check') {
  notify { "member ${title} of ${service} on ${port}": }
}

service { 'haproxy': ensure => running, name => 'haproxy' }
service { 'lb-daemon': ensure => running, name => 'haproxy-lb' }
package { 'haproxy': ensure => installed, name => 'haproxy' }
file { '/etc/haproxy/haproxy.cfg': ensure => file, path => '/etc/haproxy/haproxy.cfg' }
file { 'lb-config': ensure => file, path => '/etc/haproxy/lb.cfg' }
exec { '/usr/sbin/haproxy -c -f /etc/haproxy/haproxy.cfg': command => '/usr/sbin/haproxy -c -f /etc/haproxy/haproxy.cfg', refreshonly => true }
exec { 'reload-lb': command => '/bin/systemctl reload haproxy', refreshonly => true }
notify { 'plain': name => 'plain' }
stage { 'early': name => 'early', before => Stage['main'] }

@@lb::member { $::fqdn: service => 'keystone', port => 5000 }
lb::member { 'local': service => 'glance' }
Lb::Member <<| service == 'keystone' |>>
