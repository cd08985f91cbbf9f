# Type mismatch wording for every common data type, all reported at once for one class (defaults checked too).
class tc(
  Struct[{ name => String, port => Integer }] $a = { "name" => "x" },
  Hash[String, Integer, 2] $b = { "a" => 1 },
  String[3, 5] $c = "ab",
  Pattern[/^a/, /^b/] $d = "c",
  Tuple[String, Integer] $e = ["a"],
  Variant[Enum["x", "y"], Integer] $f = "z",
  Array[Optional[String]] $g = [1],
  Optional[Array[Integer, 1]] $h = [],
  Enum["present", "absent", "running"] $i = "stopped",
  Hash[Pattern[/^p_/], Hash] $j = { "x" => {} },
  Struct[{ Optional[port] => Integer[1, 65535] }] $k = { "port" => 0 },
  Array[Hash[String, String]] $l = [{ "a" => 1 }],
  Integer[1] $m = 1.5,
  Boolean $n = "true",
  NotUndef $o = undef,
  Float $p = 1,
) { }
include tc
