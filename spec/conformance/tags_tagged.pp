# Tags: the tag function on classes, tag metaparameters, tagged() and automatic tags.
class webtier {
  tag 'frontend', 'tier1'
  file { '/srv/www': ensure => directory, tag => 'content' }
  $is_frontend = tagged('frontend')
  $is_backend = tagged('backend')
  notify { 'webtier tags': message => "${is_frontend} ${is_backend}" }
}
define tagged::site ($port) {
  tag "port_${port}"
  notify { "site ${title}": message => $port }
}
include webtier
tagged::site { 'shop': port => 443, tag => ['shop', 'public'] }
notify { 'top tagged': message => [tagged('webtier'), tagged('frontend')] }
