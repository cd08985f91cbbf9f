# next(), break() and return() where Puppet 7 lets them unwind: lambdas, iterations that rescue a
# break (each, map, Array filter, reduce, reverse_each, step, slice) and ones that pass it on (any,
# all, Hash filter, with, then, index), function bodies, class and define bodies.
function jumps::first_port(Array $ports) {
  $ports.each |$port| {
    if $port > 1024 { return($port) }
  }
  0
}

function jumps::next_as_return($value) {
  if $value { next("next:${value}") }
  'fell through'
}

function jumps::stops_caller() {
  break()
  'never'
}

class jumps::params {
  $services = ['haproxy', 'memcached', 'rabbitmq', 'galera']
  $ports = { 'haproxy' => 80, 'memcached' => 11211, 'rabbitmq' => 5672, 'galera' => 3306 }
}

class jumps::early inherits jumps::params {
  notify { 'early: before return': }
  if $services.length > 2 { return() }
  notify { 'early: after return': }
}

class jumps::next_in_class {
  notify { 'next_in_class: before': }
  next()
  notify { 'next_in_class: after': }
}

class jumps::returns_from_lambda {
  $mapped = [1, 2, 3].map |$x| { if $x == 2 { return() } $x }
  notify { 'returns_from_lambda: never': message => "${mapped}" }
}

class jumps::breaks_inside {
  notify { 'breaks_inside: declared': }
  break()
}

define jumps::vip(Integer $port, Boolean $skip = false) {
  notify { "vip ${title}: declared": message => $port }
  if $skip { return() }
  notify { "vip ${title}: after return": message => $port }
}

define jumps::member() {
  notify { "member ${title}": }
  next()
  notify { "member ${title}: after next": }
}

include jumps::early
include jumps::next_in_class
class { 'jumps::returns_from_lambda': }

jumps::vip { 'public': port => 443 }
jumps::vip { 'internal': port => 8443, skip => true }
jumps::member { ['a', 'b']: }

$until_galera = $jumps::params::services.map |$s| { if $s == 'galera' { break() } $s.upcase }
$skip_memcached = $jumps::params::services.map |$s| { if $s == 'memcached' { next() } $s }
$low_ports = $jumps::params::ports.filter |$name, $port| { if $port > 10000 { next(false) } true }
$first_two = $jumps::params::services.filter |$i, $s| { if $i > 1 { break() } true }
$sum_until = [10, 20, 30, 40].reduce |$memo, $n| { if $n == 30 { break() } $memo + $n }
$sum_skip = [10, 20, 30, 40].reduce(1) |$memo, $n| { if $n == 20 { next($memo) } $memo + $n }
$hash_map = { 'a' => 1, 'b' => 2, 'c' => 3 }.map |$k, $v| { if $k == 'c' { break() } "${k}${v}" }
$pairs = { 'a' => 1, 'b' => 2 }.map |$pair| { if $pair[0] == 'b' { break() } $pair }
$each_result = [1, 2, 3].each |$x| { if $x == 2 { break() } }
$reversed = [1, 2, 3, 4].reverse_each |$x| { if $x == 2 { break() } notify { "reverse ${x}": } }
$stepped = [1, 2, 3, 4, 5, 6].step(2) |$x| { if $x == 5 { break() } notify { "step ${x}": } }
$sliced = [1, 2, 3, 4, 5].slice(2) |$a, $b| { if $a == 5 { break() } notify { "slice ${a}-${b}": } }
$ranged = Integer[5, 9].map |$x| { if $x == 8 { break() } $x }
$counted = 6.map |$x| { if $x == 3 { break() } $x * $x }
$chars = 'pacemaker'.map |$c| { if $c == 'e' { break() } $c }
# A break in a block whose function does not rescue it ends the enclosing iteration.
$outer_any = [1, 2, 3].map |$x| { [1, 2].any |$v| { if $x == 2 { break() } $v > 5 } }
$outer_with = [1, 2, 3].map |$x| { with($x) |$v| { if $v == 3 { break() } $v * 100 } }
$outer_then = [1, 2, 3].map |$x| { $x.then |$v| { if $v == 2 { break() } [$v] } }
$outer_filter = [1, 2, 3].map |$x| { { 'k' => $x }.filter |$k, $v| { if $v == 2 { break() } true } }
$outer_index = ['a', 'b'].map |$x| { [1, 2].index |$v| { if $x == 'b' { break() } $v == 2 } }
$outer_function = [1, 2, 3].map |$x| { if $x == 3 { jumps::stops_caller() } $x }
$outer_class = ['x', 'y'].map |$x| { include jumps::breaks_inside $x }
$nested = [[1, 2, 3], [4, 5, 6]].map |$row| { $row.map |$v| { if $v % 3 == 2 { break() } $v } }
$with_next = with(21) |$x| { if $x > 20 { next($x * 2) } $x }
$lest_next = lest(undef) || { next('from lest') }

notify { 'iteration results':
  message => String([
    $until_galera, $skip_memcached, $low_ports, $first_two, $sum_until, $sum_skip, $hash_map, $pairs,
    $each_result, $reversed, $stepped, $sliced, $ranged, $counted, $chars,
    $outer_any, $outer_with, $outer_then, $outer_filter, $outer_index, $outer_function, $outer_class, $nested,
    $with_next, $lest_next,
  ]),
}
notify { 'function results':
  message => String([
    jumps::first_port([22, 80, 8080, 9090]), jumps::first_port([22]),
    jumps::next_as_return('x'), jumps::next_as_return(false),
  ]),
}
