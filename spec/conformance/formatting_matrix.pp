# How values render: interpolation, String(), sprintf %s/%p, join, and how == compares them.
$values = [
  undef, default, true, 'plain', "it's", "two\nlines", 'tab\there', '', 0, -42, 1234567, 3.0, 2.5, -0.25,
  1.0e20, 1.5e-7, 0.1 + 0.2, 100.0 / 3, [], [undef, 'a', 1, 2.0, [true]], {}, { 'k' => undef, 'n' => { 'm' => [1] } },
  { 1 => 'one' }, /^a.b$/, Integer[1, 5], File['/etc/x'], Class['profile::base'], Optional[String],
]

$values.each |$i, $v| {
  notify { "render ${i}":
    # %p of a type shows a Ruby object address: only for other values.
    message => ["${v}", String($v), sprintf('%s', $v), $v ? { Type => 'type', default => sprintf('%p', $v) }, [$v, 'x'].join('|')],
  }
}

$pairs = [
  ['abc', 'ABC'], ['1', 1], [1, 1.0], [[1, 'a'], [1, 'A']], [{ 'a' => 1 }, { 'A' => 1 }], [{ 'a' => 'x' }, { 'a' => 'X' }],
  [undef, ''], [true, 'true'], [/a/, /a/], [Integer, Integer], [File['/x'], File['/x']], [File['/x'], File['/X']],
  [default, default], [0.1 + 0.2, 0.3], [[], []], [{}, []],
]
notify { 'equality':
  message => $pairs.map |$p| { $p[0] == $p[1] },
}
notify { 'membership':
  message => ['A' in ['a', 'b'], 'b' in 'abc', 'B' in 'abc', 1 in [1.0], 'k' in { 'K' => 1 }, 'k' in { 'k' => 1 }, /b/ in ['abc'], Integer in [1, 'a']],
}
