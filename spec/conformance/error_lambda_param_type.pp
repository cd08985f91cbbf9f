# A typed lambda parameter: Puppet places the error at the method call's dot.
$ports = { "haproxy" => 80, "stats" => "8404" }
$ports.each |String $name, Integer $port| {
  notify { "port ${name}": message => $port }
}
