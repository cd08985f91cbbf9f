# Must fail: '$vip-name' is '$vip' minus 'name', which cannot be assigned to (dashes are not
# allowed in variable names).
class ha::vip_params {
  $vip-name = 'vip__public'
  $vip_address = '192.0.2.10'
}
include ha::vip_params
