# Titles as nested arrays, references from variables, string references, Resource[] access.
$pkgs = ['pacemaker', ['corosync', 'pcs']]
package { $pkgs: ensure => installed }
file { ['/etc/a', '/etc/b']: ensure => file }

$ref = File['/etc/a']
$refs = Package[$pkgs.flatten]
service { 'pacemaker':
  ensure  => running,
  require => [$ref, $refs],
  before  => Resource['file', '/etc/b'],
}
exec { 'string-ref':
  command => '/bin/true',
  require => 'Package[pcs]',
}
File[['/etc/a', '/etc/b']] -> Exec['string-ref']
notify { 'refs': message => ["${ref}", $refs.length, "${Package['pcs']}", Resource['package', 'pcs'] == Package['pcs']] }
