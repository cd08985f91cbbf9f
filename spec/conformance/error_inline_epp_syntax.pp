# Must fail: an inline template with an empty expression tag.
$vip = '192.0.2.10'
cs_primitive { 'vip__public':
  primitive_class => 'ocf',
  provided_by     => 'heartbeat',
  primitive_type  => 'IPaddr2',
  parameters      => { 'ip' => inline_epp('<%= $vip %>/<%= %>') },
}
