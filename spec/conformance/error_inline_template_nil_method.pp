# Must fail: an inline template calls a method on an unset variable.
$vip_label = undef
cs_primitive { 'vip__public':
  primitive_class => 'ocf',
  provided_by     => 'heartbeat',
  primitive_type  => 'IPaddr2',
  metadata        => { 'description' => inline_template('VIP <%= @vip_label.upcase %>') },
}
