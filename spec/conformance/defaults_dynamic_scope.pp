# Resource defaults are dynamically scoped (node -> class -> included class and define instances);
# defines with parameter defaults using $title; undef given to a define parameter takes its default.
File { owner => 'root', mode => '0644' }
class base {
  File { group => 'root' }
  file { '/etc/base': ensure => file }
  include inner
  app::conf { 'one': }
}
class inner {
  file { '/etc/inner': ensure => file }
}
define app::conf($mode = '0600', $content = "x=${title}\n") {
  file { "/etc/app/${title}.conf": content => $content, mode => $mode }
  Exec { path => '/bin' }
  exec { "reload-${title}": command => 'true', refreshonly => true, subscribe => File["/etc/app/${title}.conf"] }
}
node default {
  Exec { timeout => 30 }
  include base
  app::conf { 'two': mode => undef }
  file { '/etc/node': ensure => directory }
}
