# Must fail: collector queries compare attributes with == and != only (no regex match).
class ha::pacemaker_managed {
  service { ['p_haproxy', 'p_vip']: ensure => running }
  Service <| title =~ /^p_/ |> {
    provider => 'pacemaker',
  }
}
include ha::pacemaker_managed
