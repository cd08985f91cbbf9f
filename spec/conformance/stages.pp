# Run stages: classes assigned to a stage are contained by it.
stage { 'pre':
  before => Stage['main'],
}
stage { 'post': }
Stage['main'] -> Stage['post']

class repos {
  file { '/etc/yum.repos.d/cluster.repo': ensure => file }
}
class cleanup {
  exec { 'cleanup': command => '/bin/true' }
}
class { 'repos': stage => 'pre' }
class { 'cleanup': stage => post }
notify { 'main stage': }
