# Typed parameters, type matching in conditions, type() and conversions landing in the catalog.
class typed (
  Integer[1, 65535] $port = 5405,
  Optional[String[1]] $bind = undef,
  Enum['udp', 'udpu', 'knet'] $transport = 'knet',
  Variant[String, Array[String]] $members = 'node-1',
  Hash[String, Integer] $weights = { 'node-1' => 100 },
  Boolean $secure = true,
  Pattern[/^\d+s$/] $timeout = '30s',
  Struct[{ 'name' => String, Optional['id'] => Integer }] $cluster = { 'name' => 'prod' },
) {
  $member_list = $members ? {
    Array   => $members,
    default => [$members],
  }
  notify { 'typed':
    message => [$port, $bind, $transport, $member_list, $weights, $secure, $timeout, $cluster],
  }
}
class { 'typed':
  members => ['node-1', 'node-2'],
}

$values = [1, 'one', 1.5, [1], { 'a' => 1 }, true, undef]
$kinds = $values.map |$v| {
  case $v {
    Integer: { 'int' }
    String: { 'str' }
    Float: { 'float' }
    Array: { 'array' }
    Hash: { 'hash' }
    Boolean: { 'bool' }
    default: { 'other' }
  }
}
notify { 'kinds': message => $kinds }
notify { 'matches':
  message => [1 =~ Integer, 'x' =~ String[2], [1, 'a'] =~ Array[Variant[Integer, String]], undef =~ Optional[String], Integer < Numeric],
}
notify { 'types':
  message => "${type(1)} ${type('x')} ${type([1, 'a'])} ${type({ 'a' => 1 })} ${String} ${Optional[Integer[0]]}",
}
notify { 'conversions':
  message => [Integer('0x1F'), Integer('017'), Float('2.5'), String(42), Boolean('yes'), Array('ab'), Hash([['a', 1]]), Integer('12', 8)],
}
$checked = assert_type(String[1], 'fine')
notify { 'asserted': message => $checked }
