# defined() depends on evaluation order: references, classes, types, variables before and after declaration.
$before = [defined(Notify["a"]), defined(Class["late"]), defined("late"), defined("$x"), defined("::x")]
notify { "a": }
$x = undef
class late { }
$mid = [defined(Notify["a"]), defined(Class["late"]), defined("$x"), defined("$::x"), defined("File"), defined("file"), defined("cs_primitive"), defined("notify"), defined("late::nope"), defined(Class["late"], Notify["a"])]
include late
$after = [defined(Class["late"])]
notify { "defined": message => String([$before, $mid, $after]) }
