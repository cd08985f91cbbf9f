# Must fail: every instance given to create_resources needs a Hash of parameters.
$vips = {
  'vip__public'     => { 'primitive_class' => 'ocf', 'primitive_type' => 'IPaddr2', 'provided_by' => 'heartbeat' },
  'vip__management' => '192.0.2.20',
}
create_resources('cs_primitive', $vips)
