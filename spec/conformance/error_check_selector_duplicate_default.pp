# Must fail: a selector may have one default entry.
$resource_stickiness = $facts['virtual'] ? {
  'kvm'   => 100,
  default => 0,
  'xen'   => 100,
  default => 50,
}
cs_rsc_defaults { 'resource-stickiness': value => $resource_stickiness }
