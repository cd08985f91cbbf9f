# Facts as $facts and as top-scope variables, and what $trusted/$server_facts hold under apply.
notify { 'facts':
  message => [
    $facts['hostname'], $::hostname, $hostname, $facts['os']['release']['full'], $::os['name'],
    $facts['processors']['count'], $::processorcount + 1, $::is_virtual, $::memorysize_mb,
    $trusted['authenticated'], $trusted['extensions'], $server_facts['environment'], $environment,
  ],
}
notify { 'node label': message => lookup('ha::node_label') }
