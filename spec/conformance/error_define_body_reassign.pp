# Must fail: an error inside a define's body is reported at the instance's declaration
# (Puppet evaluates the body later), naming the place in the body.
define ha::vip_service($vip, $port = 80) {
  $listen = "${vip}:${port}"
  if $port == 443 {
    $listen = "${vip}:https"
  }
  notify { "${title} listens on ${listen}": }
}

ha::vip_service { 'web': vip => '192.0.2.10' }
ha::vip_service { 'secure':
  vip  => '192.0.2.11',
  port => 443,
}
