# Values of declarations: a resource-like class gives its Class resource reference, resources their references,
# a defaults expression its type, an override its references; tag() at top level does not reach
# classes evaluated before it.
class x { }
$r1 = class { "x": }
$r2 = notify { ["a", "b"]: }
$r3 = @notify { "v": }
$r4 = File { mode => "0644" }
$r5 = Notify["a"] { message => "m" }
$r7 = realize(Notify["v"])
$r8 = tag("t")
notify { "values": message => String([$r1, $r2, $r3, $r4, $r5, $r7, $r8]) }
