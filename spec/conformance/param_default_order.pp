# Parameter defaults run in order after given values are bound: a default may read an earlier parameter
# or a given one, in classes and defines (also through a lambda).
class c($a = "${b}!", $b, $d = $a) { notify { "a=${a} d=${d}": } }
class { "c": b => "given" }
define dd($x = [$y].map |$v| { "${v}?" }, $y = "z") { notify { "dd ${x}": } }
dd { "t": y => "given-y" }
