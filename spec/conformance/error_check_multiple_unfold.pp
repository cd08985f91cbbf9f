# Must fail: '* =>' may be used once per resource body; merge the hashes first.
$primitive_defaults = { 'primitive_class' => 'ocf', 'provided_by' => 'heartbeat' }
$vip_params = { 'primitive_type' => 'IPaddr2', 'parameters' => { 'ip' => '192.0.2.10' } }
cs_primitive { 'vip__public':
  * => $primitive_defaults,
  * => $vip_params,
}
