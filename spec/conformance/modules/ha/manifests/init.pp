# Cluster base: packages and a properties set, defaults from ha::params.
class ha (
  $cluster_name  = $ha::params::cluster_name,
  $package_names = $ha::params::package_names,
  $stonith       = false,
  $quorum_policy = 'ignore',
) inherits ha::params {
  package { $package_names:
    ensure => installed,
    tag    => 'ha-package',
  }

  cs_property { 'stonith-enabled':
    value   => $stonith,
    require => Package['pacemaker'],
  }
  cs_property { 'no-quorum-policy':
    value => $quorum_policy,
  }

  file { "${config_dir}/pacemaker":
    ensure  => file,
    content => "# managed for ${cluster_name}\nPCMK_logfacility=daemon\n",
  }
}
