# Attribute splats and per-title bodies: `* => $hash`, several bodies in one declaration.
$common = { 'ensure' => 'file', 'owner' => 'root', 'mode' => '0640' }
$files = {
  '/etc/cluster/a.conf' => { 'content' => 'a' },
  '/etc/cluster/b.conf' => { 'content' => 'b', 'mode' => '0600' },
}
$files.each |$path, $attrs| {
  file { $path:
    * => $common + $attrs,
  }
}
file {
  '/etc/cluster/c.conf':
    ensure => file;
  '/etc/cluster/d.conf':
    ensure  => file,
    content => 'd';
  default:
    owner => 'hacluster';
}
