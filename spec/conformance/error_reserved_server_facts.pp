# Must fail: $server_facts is reserved wherever it is assigned, here in a define.
define ha::member($address) {
  [$server_facts, $port] = [{ 'serverversion' => '7' }, 5405]
  notify { "${title} at ${address}:${port}": }
}
ha::member { 'node-2': address => '192.0.2.12' }
