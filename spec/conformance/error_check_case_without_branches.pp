# Must fail: a case needs at least one branch (a stub left while refactoring a params class).
class ha::params_stub {
  case $facts['os']['family'] {
  }
  $corosync_package = 'corosync'
}
include ha::params_stub
