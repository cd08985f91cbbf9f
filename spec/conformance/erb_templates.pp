# ERB templates in the field's style: @variables, scope lookups and functions, loops with trimming.
class corosync_config (
  $cluster_name = 'hacluster',
  $transport    = 'UDPU',
  $secauth      = false,
  $interfaces   = [{ 'network' => '10.0.0.0', 'mcast' => '239.1.1.1' }, { 'network' => '10.1.0.0' }],
  $members      = ['node-2.example.com', 'node-1.example.com'],
  $options      = { 'token' => 3000, 'consensus' => 3600 },
  $logging      = true,
) {
  file { '/etc/corosync/corosync.conf':
    ensure  => file,
    content => template('ha/corosync.conf.erb'),
  }
  notify { 'inline':
    message => inline_template("<%= @members.map { |m| m.upcase }.join('|') %> <%= @options['token'] * 2 %> <%= @secauth.inspect %>"),
  }
}
include corosync_config
