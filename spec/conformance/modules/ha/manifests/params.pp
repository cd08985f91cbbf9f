# OS-dependent defaults, Puppet 3 style: selected on the legacy $::osfamily fact.
class ha::params {
  $cluster_name = 'hacluster'
  $vip_netmask  = 24

  case $::osfamily {
    'RedHat': {
      $package_names   = ['pacemaker', 'pcs', 'resource-agents']
      $haproxy_service = 'haproxy'
      $ocf_root        = '/usr/lib/ocf'
    }
    'Debian': {
      $package_names   = ['pacemaker', 'crmsh', 'resource-agents']
      $haproxy_service = 'haproxy'
      $ocf_root        = '/usr/lib/ocf'
    }
    default: {
      fail("Unsupported osfamily: ${::osfamily}")
    }
  }

  $config_dir = $::osfamily ? {
    'RedHat' => '/etc/sysconfig',
    default  => '/etc/default',
  }
}
