# Must fail: a case may have one default branch; the second is unreachable.
class ha::service_provider {
  case $facts['os']['family'] {
    'Debian': { $provider = 'systemd' }
    default:  { $provider = 'pacemaker' }
    'RedHat': { $provider = 'pacemaker' }
    default:  { fail('unsupported') }
  }
  notify { "provider ${provider}": }
}
include ha::service_provider
