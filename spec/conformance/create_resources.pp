# create_resources over hashes with defaults, for core types and for a define.
$services = {
  'haproxy'   => { 'clone' => true },
  'memcached' => { 'primitive_type' => 'memcached-ocf' },
}
$service_defaults = {
  'primitive_provider' => 'heartbeat',
  'create_primitive'   => true,
}

$services.keys.each |$svc| {
  service { $svc: ensure => running }
}

include ha::params
create_resources('ha::pacemaker_service', $services, $service_defaults)

$files = {
  '/etc/motd'         => { 'content' => "cluster node\n" },
  '/etc/issue'        => { 'content' => "authorised use only\n", 'mode' => '0600' },
}
create_resources(file, $files, { 'owner' => 'root', 'mode' => '0644' })
