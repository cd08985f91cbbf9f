# Collection and iteration functions over arrays, hashes, strings, integers and ranges.
$h = { 'b' => 2, 'a' => [1, 2], 'c' => { 'd' => 'e' } }
notify { 'iterables':
  message => [
    'héllo'.map |$c| { $c }, 3.map |$i| { $i }, Integer[2, 4].map |$i| { $i * $i }, $h.map |$k, $v| { $k },
    $h.reverse_each.map |$pair| { $pair[0] }, 'abc'.reverse_each.map |$c| { $c }, Integer[1, 7].step(3).map |$i| { $i },
    $h.filter |$k, $v| { $v =~ Integer }, [1, undef, false, 0, ''].filter |$v| { $v }, 4.filter |$i| { $i % 2 == 0 },
    [1, 2, 3].reduce |$m, $v| { $m * $v }, $h.reduce('') |$m, $p| { "${m}${p[0]}" }, [].reduce |$m, $v| { 1 },
    [[1, 'a'], [2, 'b']].map |$n, $l| { "${n}${l}" }, $h.any |$p| { $p[1] == 2 }, [].all |$v| { false },
  ],
}
notify { 'collections':
  message => [
    unique([1, 1.0, '1', [1], [1]]), unique(['b', 'a', 'b']), sort(['b10', 'b9', 'B1', 'a']), sort(['é', 'e', 'z']),
    flatten([[], [[]], [1, [2]]]), flatten(1, [2, [3]], 'x'), length('héllo'), length({}), empty(undef), empty({}),
    dig([10, [20, 30]], 1, -1), dig({ 'a' => [{ 'b' => 1 }] }, 'a', 0, 'b'), keys({}), values({ 'x' => undef }),
    min('10', '9'), max('10', '9'), min(1.5, 2), max([3, 7.5, -1]), min(['b', 'a']), max('b', 'B'),
  ],
}
$h.each |$k, $v| {
  notify { "hash ${k}": message => $v }
}
'ab'.each |$i, $c| {
  notify { "char ${i}": message => $c }
}
