# Lambdas have their own local scope: assignments there shadow outer variables and vanish afterwards;
# if-blocks share their scope.
$x = 'outer'
$r = [1, 2].map |$y| { $x = "inner${y}" $x }
$p = [1].map |$x| { $x }
if true { $in_if = 'set in if' }
$after = [$x, $r, $p, $in_if, $lambda_only]
[1].each |$v| { $lambda_only = 'x' }
notify { 'scopes': message => String([$after, $lambda_only]) }
class sc($param = 'p') {
  $r2 = ['a'].map |$v| { $param = 'shadowed' "${param}-${v}" }
  notify { 'sc': message => "${r2} ${param}" }
}
include sc
