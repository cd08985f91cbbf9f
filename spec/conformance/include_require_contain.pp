# include/require/contain: each class once, require adds a relationship, contain adds containment.
class base_packages {
  package { 'curl': ensure => installed }
}
class monitoring {
  service { 'monitoring-agent': ensure => running }
}
class logging_stack {
  file { '/etc/rsyslog.d/cluster.conf': ensure => file }
}
class app {
  require base_packages
  contain monitoring
  include logging_stack
  include base_packages
  notify { 'app': }
}
# Resource-like first, then include: allowed (the reverse order is a duplicate declaration).
class { 'logging_stack': }
include app
include app
