# Instance checks (=~) of many values against many types, and each value's inferred and
# generalized type: the type system compared wholesale with Puppet's.
$types = [Any, Undef, Default, Scalar, ScalarData, Data, RichData, String, String[1], String[0, 3], Integer, Integer[0], Integer[default, 10], Float, Float[0.0, 1.5], Numeric, Boolean, Array, Array[String], Array[Integer, 2], Array[Any, 0, 2], Hash, Hash[String, Integer], Hash[String, Any, 1], Optional[String], NotUndef, NotUndef[String], Variant[String, Integer], Enum[a, b], Enum[a, b, true], Pattern[/^a/, /b$/], Regexp, Regexp[/x/], Tuple[String, Integer], Tuple[String, 1, 3], Struct[{a => Integer, Optional[b] => String}], Struct[{a => Optional[Integer]}], Collection, Collection[2], Iterable, Type, Type[String], Type[Resource], Sensitive, CatalogEntry, Resource, Resource[file], Class, Callable]
$values = [undef, default, 'a', '', 'abcd', 'B', 0, 5, -3, 20, 1.5, 0.5, 2.0, true, false, [], ['a'], ['a', 1], [1, 2, 3], {}, { 'a' => 1 }, { 'a' => 1, 'b' => 'x' }, { 1 => 2 }, /x/, String, File['/x'], Class['foo'], Integer[1, 2]]
$types.each |$ti, $t| {
  notify { "type ${ti} ${t}":
    message => $values.map |$v| { $v =~ $t },
  }
}
$values.each |$vi, $v| {
  notify { "value ${vi}":
    message => ["${type($v)}", "${type($v, 'generalized')}"],
  }
}
