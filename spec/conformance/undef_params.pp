# Undef attribute values are left out; undef given to a parameter with a default takes the default.
define undefs::thing ($mode = '0644', $owner = undef, $group = 'root') {
  file { "/tmp/${title}":
    ensure => file,
    mode   => $mode,
    owner  => $owner,
    group  => $group,
  }
}
undefs::thing { 'a': mode => undef }
undefs::thing { 'b': owner => 'nobody', group => undef }
$nothing = undef
notify { 'plain': message => $nothing, withpath => false }
file { '/tmp/c': ensure => file, content => undef, mode => $nothing }
