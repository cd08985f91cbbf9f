# Must fail: resource defaults cannot be virtual.
@Cs_primitive {
  primitive_class => 'ocf',
}
cs_primitive { 'vip__management': primitive_type => 'IPaddr2', provided_by => 'heartbeat' }
