# A define whose parameter list names the same parameter twice (Puppet's parse-time check).
define profile::vip($ip, $cidr_netmask = '32', $ip) {
  cs_primitive { "vip__${title}": primitive_class => 'ocf', provided_by => 'heartbeat', primitive_type => 'IPaddr2' }
}
profile::vip { 'public': ip => '10.0.0.10' }
