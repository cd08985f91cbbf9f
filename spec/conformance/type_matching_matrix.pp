# Values matched against data types (=~), type rendering, assert_type with a block, type comparisons.
$checks = [
  [1, Integer], ['1', Integer], [1.0, Float], [1, Float], [1, Numeric], ['a', String[2]], ['ab', String[1, 2]],
  [[1, 2], Array[Integer]], [[1, 'a'], Array[Integer]], [{ 'a' => 1 }, Hash[String, Integer]], [undef, Optional[Integer]],
  [undef, Integer], ['present', Enum['present', 'absent']], ['Present', Enum['present']], ['x', Pattern[/^x$/]],
  [[], Array[Integer, 1]], [1, Variant[String, Integer]], [true, Boolean], ['true', Boolean], [default, Default],
  [Integer, Type], [Integer[1, 2], Type[Integer]], [{ 'a' => 1 }, Struct[{ a => Integer }]], [{ 'a' => 1, 'b' => 2 }, Struct[{ a => Integer }]],
  [[1, 'a'], Tuple[Integer, String]], ['x', Scalar], [[1], Collection], [{}, Collection[1]], [1, Data], [undef, Any], [/x/, Regexp],
  ['abc', NotUndef], [undef, NotUndef], [1, Integer[default, 0]], [-5, Integer[default, 0]], ['x', Optional[String]], [1, String],
  ['File[/x]', Type[Resource]], [File['/x'], Resource], [File['/x'], Type[File]], [Class['foo'], Type[Class]], [1, Callable],
]
$results = $checks.map |$c| { $c[0] =~ $c[1] }
notify { 'checks': message => String($results) }
notify { 'types': message => String([Integer[1, 2], String[1], Optional[String], Array[String, 1, 2], Hash[String, Integer, 1], Enum['a', 'b'], Pattern[/x/, /y/], Variant[String, Integer], Struct[{ a => Integer, Optional[b] => String }], Tuple[String, Integer, 1, 2], Float[0.5], Integer[default, 5], Type[Integer], NotUndef[String], Enum["present", "absent"], Resource['file', '/x'], Class['foo'], Sensitive[String], Iterable, Iterator, Collection[1], Data, RichData, Scalar, ScalarData, Default, Undef, Any]) }
notify { 'assert': message => [assert_type(Integer, 5), assert_type(String, 5) |$e, $a| { "expected ${e} got ${a}" }] }
notify { 'compare': message => [Integer < Numeric, Integer[1, 2] < Integer, String > String[1], Integer == Integer[default, default], Array[Integer] <= Array, Optional[String] >= String, Any > Integer] }
