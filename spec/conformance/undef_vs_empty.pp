# undef and the empty string in selectors, case options and comparisons.
$u = undef
$e = ""
$r = [$u ? { undef => "u", "" => "e", default => "d" }, $e ? { undef => "u", "" => "e", default => "d" }, $u ? { "" => "e", default => "d" }, $e ? { undef => "u", default => "d" }]
case $u { "": { $c1 = "empty" } undef: { $c1 = "undef" } default: { $c1 = "default" } }
case $e { undef: { $c2 = "undef" } default: { $c2 = "default" } }
case $facts["nosuch"] { undef: { $c3 = "undef fact" } default: { $c3 = "x" } }
notify { "undefs": message => String([$r, $c1, $c2, $c3, $u == "", $e == undef, [undef] == [""], { "a" => undef } == {}]) }
