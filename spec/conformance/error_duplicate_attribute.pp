# Must fail: an attribute set twice in one body, here once through '* =>' and once by name.
$service_defaults = { 'ensure' => 'running', 'enable' => true, 'provider' => 'pacemaker' }
service { 'haproxy':
  *        => $service_defaults,
  provider => 'systemd',
}
