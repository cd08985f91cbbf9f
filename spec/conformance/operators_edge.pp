# Operator corner cases: negative division/modulo, numeric strings, string ordering, collection ops.
notify { 'numbers':
  message => [-7 / 2, -7 % 3, 7 % -3, -7 >> 1, 1 << 40, '1' + 1, '2.5' * 2, '0x10' + 0, 7 / 2.0, -(3)],
}
notify { 'strings':
  message => ['a' < 'B', 'abc' == 'ABC', 'b' > 'aa', 'a' <= 'A', 'abc' =~ 'b', 'x' !~ 'y', 'Abc' in 'xabcx'],
}
notify { 'collections':
  message => [
    { 'a' => 1 } + ['b', 2], { 'a' => 1, 'b' => 2 } - { 'a' => 9 }, [1, 2] << { 'k' => 'v' }, [1, [2]] - [[2]],
    [1, 2, 3] - 2, [[1, 2], [3, 4]].map |$p| { $p[0] * $p[1] }, [1, 2] + { 'h' => 1 },
  ],
}
