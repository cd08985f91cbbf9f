# Hiera: lookup() with defaults and merges, and automatic class parameter lookup.
$vip = lookup('ha::vip_address')
$members = lookup('ha::cluster_members', Array[String], 'first', [])
$missing = lookup('ha::not_there', undef, undef, 'fallback')
$ports_first = lookup('ha::ports')
$ports_merged = lookup('ha::ports', Hash, 'hash')
$services_deep = lookup({ 'name' => 'ha::services', 'merge' => 'deep' })

notify { 'hiera':
  message => "${vip} ${members} ${missing} ${ports_first} ${ports_merged} ${services_deep}",
}

include ha::params
include ha::frontend
