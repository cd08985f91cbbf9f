# Must fail: epp() given a parameter the template does not declare.
$vip_config = epp('ha/vip_resource.epp', {
  'vip_name' => 'vip__public',
  'address'  => '192.0.2.10',
  'netmask'  => 24,
})
notify { 'vip': message => $vip_config }
