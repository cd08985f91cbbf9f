# Iterating integers, Integer ranges, strings, hashes and chained iterators (reverse_each, step).
$a = Integer[1, 3].each |$x| { notify { "int ${x}": } }
$b = 2.each |$i, $x| { notify { "n ${i} ${x}": } }
$c = "ab".each |$ch| { notify { "ch ${ch}": } }
$d = { "k" => 1, "j" => 2 }.reverse_each.map |$kv| { $kv }
$e = Integer[0, 10].step(5).map |$x| { $x }
$f = [1, 2, 3].reverse_each.filter |$x| { $x > 1 }
$g = { "a" => 1 }.each |$pair| { notify { "pair ${pair}": } }
$h = [[1, 2], [3, 4]].each |$pair| { notify { "ap ${pair}": } }
$i = [[1, 2], [3, 4]].map |$x, $y| { "${x}:${y}" }
$j = { "a" => [1, 2] }.map |$k, $v| { $v.map |$n| { "${k}${n}" } }.flatten
notify { "results": message => String([$a, $b, $c, $d, $e, $f, $g, $h, $i, $j]) }
