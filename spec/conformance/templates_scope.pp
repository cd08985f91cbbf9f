# ERB templates against the calling scope: class variables, inherited params, top-scope and
# fact variables, scope.lookupvar / scope[] / has_variable?, scope.function_* and several templates
# concatenated; inline_template in a notify.
$cluster_name = 'openstack'

class tpl::params {
  $port    = 3306
  $servers = ['10.0.0.1', '10.0.0.2', '10.0.0.3']
}

class tpl (
  $bind_address = '0.0.0.0',
  $options      = { 'maxconn' => 100, 'mode' => 'http' },
  $enabled      = true,
  $nothing      = undef,
) inherits tpl::params {
  $local_note = "for ${cluster_name}"
  file { '/etc/tpl.conf':
    ensure  => file,
    content => template('pcmk_ocf/scope.erb', 'pcmk_ocf/footer.erb'),
  }
  notify { 'inline':
    message => inline_template("<%= @servers.map { |s| \"#{s}:#{@port}\" }.join(',') %> <%= scope.lookupvar('::cluster_name') %> <%= @nothing.nil? %>"),
  }
}

include tpl
