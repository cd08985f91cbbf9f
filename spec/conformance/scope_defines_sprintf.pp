# Special variables in a class, define parameters defaulting from $title/$name, multi-body resource
# expressions with a default body, splat, Resource['file'], defined()/tagged(), sprintf and float formatting.
class site::vars($listen = "${facts['networking']['ip']}:80") {
  notify { 'vars':
    message => [$title, $name, $module_name, $caller_module_name, $listen, $::osfamily, $facts['os']['family'], $trusted['authenticated'], $server_facts['environment'], $environment, $::hostname, $facts['networking']['fqdn']],
  }
}
include site::vars
define site::entry($value = "default for ${title}", $order = 10, $target = $name) {
  notify { "entry ${title}": message => "${name}|${value}|${order}|${target}|${module_name}|${caller_module_name}" }
}
site::entry { 'a': }
site::entry { 'b': name => 'bee', order => 20 }
site::entry {
  'c': value => 'cv';
  'd': order => 5;
  default: value => 'from default body', order => 99;
}
$splat = { 'value' => 'splatted', 'order' => 1 }
site::entry { 'e': * => $splat }
file { ['/etc/one', '/etc/two']: ensure => file, mode => '0600' }
Resource['file'] { '/etc/three': ensure => absent }
notify { 'defined':
  message => [defined('$splat'), defined('$nope'), defined(File['/etc/one']), defined(File['/nope']), defined('site::vars'), defined('site::entry'), defined('notify'), defined('nosuch'), defined(Class['site::vars']), defined(Site::Entry['a']), tagged('site::vars'), tagged('nosuch')],
}
notify { 'sprintf':
  message => [sprintf('%<a>s-%<b>05d', { 'a' => 'x', 'b' => 42 }), sprintf('%-6s|', 'ab'), sprintf('%.3s', 'abcdef'), sprintf('%b %o %X %+d % d', 5, 8, 255, 3, 4), sprintf('%e %E %g %G', 12345.678, 0.00012, 1e10, 0.0001), sprintf('%5.2f%%', 12.345), sprintf('%c%c', 65, 'B'), sprintf('%s', [1, 'a', { 'k' => 'v' }]), sprintf('%p', 'q'), sprintf('%x', -255), sprintf('%#x %#o', 255, 8), sprintf('%08.3f', -3.14159), sprintf('%d', 3.99), sprintf('%s %s', true, undef)],
}
notify { 'strings':
  message => [String(1.0 / 3), String(2.0 * 3), String(0.1 * 3), 1e3, "${1.0 / 3}", "${100000000000000000000}", String(2.5), String(100.0), String(1e15), String(1e16), String(123456789.0)],
}
