# Must fail: definitions are named in lower case; the reference form (Ha::Vip) is for types.
define Ha::Vip_service($address) {
  notify { "${title} on ${address}": }
}
ha::vip_service { 'public': address => '192.0.2.10' }
