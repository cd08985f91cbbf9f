# A whole node in the field's style: roles and profiles, templates, Pacemaker wrappers, Hiera.
node /^node-\d+\.example\.com$/ {
  include profile::cluster
  class { 'profile::loadbalancer':
    backends => { 'api' => 9696, 'dashboard' => 8080, 'metadata' => 8775 },
  }
  $members = lookup('ha::cluster_members')
  $members.each |$member| {
    cs_location { "vip__public-on-${member}":
      primitive => 'vip__public',
      node_name => $member,
      score     => $member ? { $::hostname => 200, default => 100 },
    }
  }
  cs_rsc_defaults { 'resource-stickiness': value => '100' }
}
node default {
  fail('unexpected node')
}
