# Collector overrides change define instances before they are evaluated (lazily), realize virtual ones,
# and reach resources declared by those instances.
define app::instance($port = 80, $ensure = 'present') {
  notify { "instance ${title} port ${port} ${ensure}": }
  if $ensure == 'present' { app::member { "${title}-member": weight => $port / 10 } }
}
define app::member($weight = 1) { notify { "member ${title} weight ${weight}": } }
class app {
  app::instance { 'a': }
  app::instance { 'b': port => 8080 }
  @app::instance { 'c': port => 9090 }
}
include app
App::Instance <| title == 'a' |> { port => 443 }
App::Instance <| port == 9090 |>
App::Member <| weight == 44 |> { weight => 1000 }
App::Instance <| title == 'b' |> { ensure => 'absent' }
