# Integer shifts as Ruby's (a negative count shifts the other way, flooring), the bare Tuple type
# (any array) and type values held directly in parameters (the catalog keeps their string form).
$shifts = [255 << -2, 1 >> -2, -7 >> 1, -1 >> 3, 5 << 3, 1 << 62]
notify { 'shifts': message => $shifts }
notify { 'tuple':
  message => [[1, 'a'] =~ Tuple, [] =~ Tuple, String(Tuple), Tuple([-5, 10, 0]), Tuple[Integer, 1, 2]],
}
notify { 'type-values':
  message => [Integer[1, 2], Data, Boolean, Collection[1],
    Struct[{ a => Integer, Optional[b] => String }], type(1.0e10, 'reduced'), type(Integer[0], 'generalized')],
}
notify { 'type-in-hash':
  message => { 't' => Iterable, 'o' => Optional[String], 'e' => Enum[a, b] },
}
notify { 'type-alone': message => Pattern[/a+/, /b/] }
