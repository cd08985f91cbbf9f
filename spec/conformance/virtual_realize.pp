# Virtual resources: realize by reference, collect by tag and by attribute; unrealized ones stay out.
@user { 'hacluster':
  ensure => present,
  uid    => 189,
  tag    => 'cluster',
}
@user { 'haproxy':
  ensure => present,
  uid    => 188,
}
@group { 'haclient':
  ensure => present,
  gid    => 189,
  tag    => ['cluster', 'admin'],
}
@group { 'unused':
  ensure => present,
}
@package { ['crmsh', 'pcs']:
  ensure => installed,
}

realize(User['haproxy'])
Group <| tag == 'cluster' |>
Package <| title == 'pcs' or title == 'crmsh' |>
User <| uid == 189 |>
