# Collectors: overrides (also +> and on resources declared later), chains through collectors, virtual
# resources realized by collectors and realize(), collectors of define instances.
class profile::db {
  @user { ['mysql', 'galera']: ensure => present, tag => ['db'] }
  @package { 'mariadb-server': ensure => installed, tag => 'db' }
  @service { 'mysqld': ensure => running, tag => ['db', 'cluster'] }
  User <| tag == 'db' |> { shell => '/bin/false' }
  Package <| title == 'mariadb-server' |> -> Service <| tag == 'cluster' |>
  Service <| tag == 'cluster' and title != 'nothing' |> { enable => false, require +> [User['mysql']] }
}
class profile::web {
  package { ['nginx', 'php-fpm']: ensure => installed }
  service { 'nginx': ensure => running, require => Package['nginx'] }
  Package <| |> { install_options => ['--no-install-recommends'] }
  Service <| title == 'nginx' or title == 'php-fpm' |> { hasrestart => true }
  service { 'php-fpm': ensure => running }
}
define profile::vhost($port = 80, $docroot = "/var/www/${title}") {
  file { $docroot: ensure => directory }
  file { "/etc/nginx/sites-enabled/${title}": content => "listen ${port};\nroot ${docroot};\n", notify => Service['nginx'] }
}
include profile::db
include profile::web
profile::vhost { 'a.example.com': port => 8080 }
profile::vhost { 'b.example.com': }
File <| title == '/var/www/b.example.com' |> { mode => '0750' }
Profile::Vhost <| port == 8080 |> { docroot => '/srv/a' }
File <| tag == 'profile::vhost' |> -> Service['php-fpm']
realize(Package['mariadb-server'])
Exec { path => ['/usr/bin', '/bin'] }
exec { 'late': command => 'true' }
Exec <| |> { logoutput => true }
