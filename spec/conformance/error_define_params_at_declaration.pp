# A define instance's given values are checked where it is declared, before anything after it runs.
define cluster::vip(String $ip, Integer[1, 32] $cidr_netmask = 24) {
  notify { "vip ${title} ${ip}/${cidr_netmask}": }
}
cluster::vip { "public": ip => "192.0.2.10", cidr_netmask => 33, nic => "eth0" }
fail("never reached: the vip above is refused first")
