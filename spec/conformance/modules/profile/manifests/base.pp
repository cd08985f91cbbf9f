# Base profile: users and groups as virtual resources, realized by the profiles that need them.
class profile::base {
  @group { 'haclient': ensure => present, gid => 189 }
  @user { 'hacluster':
    ensure  => present,
    uid     => 189,
    gid     => 'haclient',
    require => Group['haclient'],
  }
  @package { ['sbd', 'crmsh', 'fence-agents-all']:
    ensure => installed,
    tag    => 'cluster-tools',
  }
}
