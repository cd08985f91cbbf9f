# if/unless as values, lambda defaults and captures-rest, typed lambda with return type, nested selectors.
$y = false
$v = if $y { 'yes' } elsif 1 > 2 { 'elsif' } else { 'no' }
$u = unless $y { 'unless-body' }
$w = if $y { 'never' }
$lam = [1, 2].map |$a, $b = 'dflt'| { "${a}-${b}" }
$rest = with(1, 2, 3) |$first, *$others| { "${first}+${others}" }
$dflt = with(1) |$a, $b = $a * 10| { $a + $b }
function fx::apply(Callable[1, 1] $fn, $v) { $fn.call($v) }
function fx::twice($v, Callable $blk) { [call('with', $v, $blk), 1] }
$applied = [7].map |$x| { $x * 3 }
$typed = [1, 2].map |Integer $i| >> String { "n${i}" }
$nested_sel = 'b' ? { 'a' => 1, 'b' => 'c' ? { 'c' => 'inner', default => 'x' }, default => 0 }
notify { 'exprs': message => String([$v, $u, $w, $lam, $rest, $dflt, $applied, $typed, $nested_sel]) }
