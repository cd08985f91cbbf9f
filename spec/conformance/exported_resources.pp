# Exported resources stay exported in the catalog; a local one is declared normally.
@@file { '/etc/exported-node-1':
  ensure  => file,
  content => $::fqdn,
  tag     => 'cluster-member',
}
@@notify { "member ${::hostname}": message => $::ipaddress }
file { '/etc/local': ensure => file }
