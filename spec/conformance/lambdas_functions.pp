# Lambda scoping, closures, defaults in lambda parameters, next/return/break in functions.
function ha::first_even(Array[Integer] $numbers) >> Optional[Integer] {
  $numbers.each |$n| {
    if $n % 2 == 0 { return($n) }
  }
  undef
}
function ha::labels(Array[String] $names, String $suffix = '-svc') {
  $names.map |$n| {
    if $n == 'skip' { next('skipped') }
    "${n}${suffix}"
  }
}
$factor = 10
$scaled = [1, 2, 3].map |$x| { $x * $factor }
$x = 'outer'
$shadow = ['inner'].map |$x| { $x }
$nested = [[1, 2], [3]].map |$pair| { $pair.map |$v| { $v + $factor } }
$with_default = with(1) |$a, $b = 5| { $a + $b }
$until_big = [1, 5, 20, 2].map |$v| { if $v > 10 { break() } $v }
notify { 'lambdas':
  message => [$scaled, $x, $shadow, $nested, $with_default, ha::first_even([3, 7, 8, 10]), ha::first_even([1]), ha::labels(['a', 'skip', 'b']), $until_big],
}
