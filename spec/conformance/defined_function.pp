# defined() on classes, defined types, resources, references and variables.
class known_class {}
define known::define () {}
include known_class
file { '/etc/present': ensure => file }
$set_var = 'yes'

notify { 'defined':
  message => [
    defined('known_class'),
    defined('unknown_class'),
    defined('known::define'),
    defined('file'),
    defined(File['/etc/present']),
    defined(File['/etc/absent']),
    defined(Class['known_class']),
    defined('$set_var'),
    defined('$unset_var'),
  ],
}
