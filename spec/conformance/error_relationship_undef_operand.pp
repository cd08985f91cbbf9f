# Must fail: a chain with an undef operand (a wrapper's optional dependency left unset).
define ha::ordered_service($after = undef) {
  service { $title: ensure => running }
}
class ha::stack($dependency = undef) {
  ha::ordered_service { 'haproxy': }
  $dependency -> Ha::Ordered_service['haproxy']
}
include ha::stack
