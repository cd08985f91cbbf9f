# Variable scopes: top scope, qualified names, inherited class scope, define and lambda scopes.
$site = 'dc1'
$role = 'lb'

class settings_holder {
  $port = 8080
  $site = 'shadowed'
  $names = ['a', 'b']
}

class consumer inherits settings_holder {
  # Inherited scope: $port and the shadowing $site are visible unqualified.
  notify { 'consumer':
    message => "${port} ${site} ${::site} ${settings_holder::port} ${settings_holder::names[1]}",
  }
}

define scoped::thing ($value = $title) {
  $local = "${value}-${::role}"
  notify { "thing ${title}": message => $local }
}

include consumer
scoped::thing { 'one': }

$outer = 'outer'
[1, 2].each |$i| {
  $inner = "${outer}${i}"
  notify { "lambda ${i}": message => "${inner} ${site}" }
}

notify { 'top':
  message => "${site} ${::role} ${consumer::port} ${::osfamily} ${facts['os']['release']['major']}",
}
