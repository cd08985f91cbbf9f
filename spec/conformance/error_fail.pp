# Must fail: fail() in a params class on an unsupported platform.
class platform_params {
  case $::osfamily {
    'Solaris': { $pkg = 'SUNWpcmk' }
    default: {
      fail("Unsupported osfamily ${::osfamily} for ${::fqdn}")
    }
  }
}
include platform_params
