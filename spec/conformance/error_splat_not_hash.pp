# Must fail: '* =>' takes a Hash of attributes; a wrapper handed a string fails at the value.
class ha::vip_wrapper($vip_name = 'vip__public', $vip_options = 'ip=192.0.2.10') {
  cs_primitive { $vip_name:
    primitive_class => 'ocf',
    provided_by     => 'heartbeat',
    primitive_type  => 'IPaddr2',
    *               => $vip_options,
  }
}
include ha::vip_wrapper
