# Must fail: only resources, classes and collectors can be chained.
$vip_ports = [80, 443]
package { 'haproxy': ensure => installed }
Package['haproxy'] -> $vip_ports
