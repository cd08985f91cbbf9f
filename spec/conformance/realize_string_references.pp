# realize() takes references written as strings too, as older manifests do.
@package { ['crmsh', 'pcs', 'fence-agents']: ensure => installed }
@user { 'hacluster': ensure => present, gid => 'haclient' }
$tools = $facts['os']['family'] ? {
  'RedHat' => 'Package[pcs]',
  default  => 'Package[crmsh]',
}
realize($tools, ['Package[fence-agents]', 'User[hacluster]'])
