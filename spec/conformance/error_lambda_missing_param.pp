# A lambda parameter without default that the caller gives no value for: Puppet names the parameter.
$vip = with("192.0.2.10") |$address, $netmask| { "${address}/${netmask}" }
notify { "vip": message => $vip }
