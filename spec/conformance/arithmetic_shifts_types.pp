# Integer shifts as Ruby's (a negative count shifts the other way, flooring), the bare Tuple type
# (any array) and type values held directly in parameters (rich data: Pcore type and attributes).
$shifts = [255 << -2, 1 >> -2, -7 >> 1, -1 >> 3, 5 << 3, 1 << 62]
notify { 'shifts': message => $shifts }
notify { 'tuple':
  message => [[1, 'a'] =~ Tuple, [] =~ Tuple, String(Tuple), Tuple([-5, 10, 0]), Tuple[Integer, 1, 2]],
}
notify { 'type-values':
  message => [Integer[1, 2], Integer[0], Boolean, Iterable, Optional[String], Enum[a, b], Pattern[/a+/, /b/],
    Regexp[/x+/], Variant[Integer, Enum[x]], type(1.0e10, 'reduced'), Float[0.5]],
}
notify { 'type-in-hash':
  message => { 't' => Integer[default, 5], 'o' => Optional[Integer[1]] },
}
notify { 'type-alone': message => Pattern[/a+/] }
notify { 'type-values-more':
  message => [Type[Integer], NotUndef[String], Array[Integer, 1, 3], Array[String], type("tab\there"), type(['x', 1]),
    type(Regexp[/x+/]), type(Integer[0], 'generalized'), Default, String[1, 10], String[2]],
}
