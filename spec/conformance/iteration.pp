# Iteration functions with lambdas, over arrays and hashes.
$nodes = ['node-1', 'node-2', 'node-3']
$ports = { 'http' => 80, 'https' => 443, 'stats' => 8404 }

$nodes.each |$index, $n| {
  notify { "member-${index}": message => $n }
}

$ports.each |$service, $port| {
  notify { "port-${service}": message => "${service}:${port}" }
}

$upper = $nodes.map |$n| { upcase($n) }
$high = $ports.filter |$k, $v| { $v > 100 }
$sum = $ports.reduce(0) |$memo, $pair| { $memo + $pair[1] }
$joined = reduce($nodes) |$memo, $n| { "${memo}+${n}" }

notify { 'results':
  message => "${upper} ${high} ${sum} ${joined}",
}

$ports.map |$k, $v| { "${k}=${v}" }.each |$entry| {
  notify { "entry ${entry}": }
}

with(7, 8) |$a, $b| {
  notify { 'with': message => $a * $b }
}

notify { 'any-all':
  message => [$nodes.any |$n| { $n =~ /3$/ }, $nodes.all |$n| { $n =~ /^node/ }, $nodes.filter |$n| { $n != 'node-2' }],
}
