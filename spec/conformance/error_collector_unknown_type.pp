# Must fail: a collector for a type that does not exist (a typo in a wrapper's override).
class ha::pacemaker_services {
  service { 'haproxy': ensure => running }
  Servcie <| title == 'haproxy' |> {
    provider => 'pacemaker',
  }
}
include ha::pacemaker_services
