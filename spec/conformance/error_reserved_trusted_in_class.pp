# Must fail: $trusted is reserved in every scope, also inside a params class.
class ha::params {
  $vip = '192.0.2.10'
  $trusted = { 'certname' => 'node-1' }
}
include ha::params
