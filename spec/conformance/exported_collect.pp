# Exported resources and exported collectors within one catalog.
@@file { '/etc/cluster/members/node-1':
  ensure  => file,
  content => $::ipaddress,
  tag     => ['cluster-members'],
}
@@notify { 'exported note': tag => 'notes' }
File <<| tag == 'cluster-members' |>> {
  mode => '0644',
}
Notify <| tag == 'notes' |>
