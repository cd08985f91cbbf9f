# Typed class parameters with defaults of every common data type.
class typed (
  String[1] $name_s = 'x',
  Integer[1, 65535] $port = 80,
  Optional[String] $opt = undef,
  Enum['present', 'absent'] $ensure = 'present',
  Variant[Integer, Pattern[/^\d+$/]] $num = '12',
  Array[String, 1] $list = ['a'],
  Hash[String, Integer] $map = { 'a' => 1 },
  Struct[{ name => String, Optional[port] => Integer }] $st = { 'name' => 'x' },
  Tuple[String, Integer] $tup = ['a', 1],
  Boolean $flag = true,

) {
  notify { 'typed': message => [$name_s, $port, $opt, $ensure, $num, $list, $map, $st, $tup, $flag] }
}
include typed
