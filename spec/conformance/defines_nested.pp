# Defines declaring defines; defaults from the declaring scope reach into define instances.
define cluster::resource_set (
  $members,
  $ensure = present,
) {
  $members.each |$member| {
    cluster::single { "${title}-${member}":
      ensure => $ensure,
      member => $member,
    }
  }
}

define cluster::single ($member, $ensure = present) {
  file { "/etc/cluster/${title}":
    ensure  => $ensure ? { present => file, default => absent },
    content => "${name} -> ${member}\n",
  }
}

class cluster_layout {
  File {
    owner => 'hacluster',
  }
  cluster::resource_set { 'web': members => ['node-1', 'node-2'] }
}

include cluster_layout
cluster::resource_set { 'db': members => ['node-3'], ensure => absent }
