# create_resources over a Hiera hash with defaults, wrapping services for Pacemaker.
include ha::params
$services = lookup('ha::services', Hash, 'hash')
$defaults = { 'primitive_provider' => 'heartbeat', 'clone' => false }

$services.each |$name, $options| {
  service { $name: ensure => running, enable => false }
}
create_resources('ha::pacemaker_service', $services, $defaults)

$properties = {
  'stonith-enabled'  => { 'value' => false },
  'no-quorum-policy' => { 'value' => 'ignore' },
}
create_resources('cs_property', $properties)
