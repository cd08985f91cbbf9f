# Case/selector details: several values per option, regex captures in branches, if as a value.
$fqdn_parts = $::fqdn ? {
  /^([^.]+)\.(.+)$/ => [$1, $2],
  default           => [$::fqdn, ''],
}
case $::operatingsystem {
  'Debian', 'Ubuntu': { $family_label = 'deb' }
  /^(CentOS|RedHat|Rocky)$/: { $family_label = "rpm-${1}" }
  default: { $family_label = 'other' }
}
$size = if $::processorcount > 2 { 'big' } else { 'small' }
$kind = case $::memorysize_mb {
  Integer[0, 4096]: { 'low' }
  Numeric: { 'high' }
  default: { 'unknown' }
}
$nested = $::osfamily ? {
  'RedHat' => $::operatingsystemmajrelease ? {
    '7'     => 'el7',
    default => 'el-other',
  },
  default  => 'non-el',
}
unless $::is_virtual {
  $virt = 'physical'
} else {
  $virt = 'virtual'
}
$in_regex = /^node/ in ['db-1', 'node-1']
notify { 'conditionals': message => [$fqdn_parts, $family_label, $size, $kind, $nested, $virt, $in_regex] }
