# Interpolation of every kind of value, expressions and method calls inside strings.
$cluster = 'cluster'
$list = ['a', 'b', undef, 1, 2.0]
$hash = { 'k' => 'v', 'n' => [1, 2] }
$num = 3
$float = 0.5

notify { 'interpolation':
  message => "${cluster} $cluster ${cluster}s ${list} ${hash} ${$num + 1} ${$float * 3} ${list[0]} ${hash['n'][1]} ${list.join('-')} ${cluster.upcase} ${::hostname}-${facts['os']['name']} \${escaped} \$x",
}
notify { 'single quoted': message => 'no ${interpolation} here\n' }
notify { 'numbers': message => "${0 + 1} ${0 + 1.0} ${-3} ${0.1 + 0.2} ${10 / 4} ${10.0 / 4}" }
notify { 'booleans': message => "${true and true} ${!true} ${[undef, true]} ${[default]}" }
