# Params class defaults through inherits, subclass overrides (undef removes, +> appends), undef to a class
# parameter, contain with anchors, virtual define instances realized two ways, nested selectors, unless/else.
class base::params { $port = 80 $user = 'www' }
class base::svc($port = $base::params::port, $extra = "${base::params::user}-x") inherits base::params {
  file { '/etc/svc.conf': content => "port=${port} user=${user}\n", mode => '0644', owner => 'root' }
  service { 'svc': ensure => running }
}
class base::svc::tuned inherits base::svc {
  File['/etc/svc.conf'] { mode => '0600', owner => undef }
  Service['svc'] { enable => true, require +> File['/etc/svc.conf'] }
}
include base::svc::tuned
class { 'base::other': flag => undef }
class base::other($flag = 'default-flag') { notify { "other ${flag}": } }
class wrap { contain wrap::inner  anchor { 'wrap::begin': } -> Class['wrap::inner'] -> anchor { 'wrap::end': } }
class wrap::inner { notify { 'inner': } }
include wrap
notify { 'after wrap': require => Class['wrap'] }
@virt::thing { 'v1': val => 1 }
@virt::thing { 'v2': val => 2 }
define virt::thing($val) { notify { "virt ${title} ${val}": } }
Virt::Thing <| val == 2 |>
realize(Virt::Thing['v1'])
$sel = $facts['os']['family'] ? { /(?i:redhat|centos)/ => $facts['os']['release']['major'] ? { '8' => 'el8', default => 'elother' }, 'Debian' => 'deb', default => 'unknown' }
notify { "selected ${sel}": }
unless $sel == 'deb' { notify { 'not debian': } } else { notify { 'debian': } }
