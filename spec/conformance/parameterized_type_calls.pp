# Parameterized types called as conversions: Integer[1, 65535]($port), Array[String]($x), Optional[Integer](undef) ...
$port = '8080'
$ports = [Integer[1, 65535]($port), Array[String]('single'), Array[Integer]([1, 2]), Optional[Integer](undef), Tuple[String, Integer](['a', 1]), Integer[0]('0x10'), Float[0.0](3), Enum['a', 'b']('a'), Hash[String, Integer]({ 'k' => 1 }), String[1](42)]
notify { 'converted': message => String($ports) }
$kept = [Variant[Integer, String]('12'), Enum['a', 'b']('a'), Pattern[/a/]('abc'), Scalar('1'), Data('x'), NotUndef[Integer]('5'), Integer(7), String('s'), Array([1]), Integer('5') |$i| { $i * 2 }, Integer(5) |$i| { $i * 2 }]
notify { 'kept': message => String($kept) }
