# Resource defaults: explicit values win, inner scopes override outer defaults, defaults reach
# defines, metaparameter defaults, node-scope defaults.
Exec {
  path      => ['/usr/bin', '/bin'],
  logoutput => true,
}
Package {
  ensure => installed,
}
File {
  require => Package['base'],
}

package { 'base': }
define ha::runner ($cmd) {
  exec { "run ${title}": command => $cmd }
}
class inner_defaults {
  Exec { logoutput => false, timeout => 60 }
  ha::runner { 'inner': cmd => 'true' }
  exec { 'direct': command => 'true', logoutput => 'on_failure' }
}
node default {
  Package { ensure => latest }
  package { 'node-pkg': }
  include inner_defaults
  ha::runner { 'outer': cmd => 'false' }
  file { '/etc/with-require': ensure => file }
  file { '/etc/own-require': ensure => file, require => Package['node-pkg'] }
}
