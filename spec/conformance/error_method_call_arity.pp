# A method call with parentheses is placed at its "(" by Puppet.
$vip_name = "public_vip"
notify { "vip": message => $vip_name.upcase("extra") }
