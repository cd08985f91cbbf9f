# Must fail: overriding an attribute already set, from a class that does not inherit.
class base_file {
  file { '/etc/cluster.conf': mode => '0644' }
}
class other {
  include base_file
  File['/etc/cluster.conf'] { mode => '0600' }
}
include other
