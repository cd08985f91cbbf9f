# A define instance's parameters are checked when it is evaluated, after the rest of the manifest: here the
# fail() below runs before the wrong cidr_netmask and the unknown nic are noticed.
define cluster::vip(String $ip, Integer[1, 32] $cidr_netmask = 24) {
  notify { "vip ${title} ${ip}/${cidr_netmask}": }
}
cluster::vip { "public": ip => "192.0.2.10", cidr_netmask => 33, nic => "eth0" }
fail("reached: the vip above is only checked later")
