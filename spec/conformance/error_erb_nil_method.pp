# Must fail: a Puppet 3 style template calls a method on an unset variable (transport left undef).
class ha::corosync_config($cluster_name = 'alpha', $transport = undef) {
  file { '/etc/corosync/corosync.conf':
    ensure  => file,
    content => template('ha/corosync.conf.erb'),
  }
}
include ha::corosync_config
