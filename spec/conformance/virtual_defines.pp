# Virtual instances of a define realized by a collector with an override, and by realize().
define cluster::vhost ($port = 80, $docroot = "/srv/${title}") {
  file { $docroot: ensure => directory }
  notify { "vhost ${title}:${port}": }
}

@cluster::vhost { 'alpha': port => 8001 }
@cluster::vhost { 'beta': port => 8002 }
@cluster::vhost { 'gamma': port => 8003 }

Cluster::Vhost <| port == 8001 |> { docroot => '/var/www/alpha' }
realize(Cluster::Vhost['gamma'])
