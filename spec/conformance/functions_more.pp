# More core function behaviour: Ruby format directives, regsubst flags, split/join edge cases,
# conversions and type functions, iteration over hashes with one or two block parameters.
$h = { 'alpha' => 1, 'beta' => 2, 'gamma' => 1 }

notify { 'format':
  message => [
    sprintf('%p|%e|%g|%G|%b|%c|%X|%#x|%#o|%+.2f|% d|%*d|%-*s|', 'q', 1234.5, 0.00001234, 1e20, 10, 'x', 3054, 255, 8, 2.345, 7, 5, 42, 6, 'ab'),
    sprintf('%<host>s:%<port>05d %{host}', { 'host' => 'db', 'port' => 42 }),
    sprintf('%.3s|%5.1s|%s|%s|%d', 'abcdef', 'xyz', [1, 'two', [3]], { 'k' => [1] }, 3.99),
  ],
}
notify { 'regsubst':
  message => [
    regsubst("line1\nline2", '^line', 'L', 'G'),
    regsubst("a.b\nc", 'a.b.c', 'X', 'M'),
    regsubst('abcabc', 'b c', 'X', 'EG'),
    regsubst('Hello', /l+/, '[\0]'),
    regsubst('2024-01-15', '(?<y>\d+)-(?<m>\d+)-(?<d>\d+)', '\k<d>/\k<m>/\k<y>'),
    regsubst(['eth0', 'eth1'], 'eth', 'ens', 'G'),
    regsubst('path/to/file', '/', '\\\\', 'G'),
  ],
}
notify { 'split-join':
  message => [
    split('a:b::c::', ':'), split(' lead', ' '), split('x', /x/), split('', ','),
    'a-b_c'.split(/[-_]/), join(['a', ['b', ['c']]], ', '), join([], '-'),
  ],
}
notify { 'case-trim':
  message => [
    capitalize(['abc', 'DEF']), downcase({ 'KEY' => ['VAL'] }), strip(["  a ", "\tb\n"]), chomp("crlf\r\n"), chop("x\r\n"),
    rstrip("trailing\n\n"), upcase(5),
  ],
}
notify { 'conversions':
  message => [
    Integer(' 42'), Integer('-0x10'), Integer('0b101'), Integer(-7.9), Float(3), Float('1e3'), Numeric('0x1f'),
    String(1.25), String([1, 'a', undef, 2.5]), String({ 'a' => true }), String(undef), String(Integer), Boolean('N'),
    Array({ 'a' => 1, 'b' => 2 }), Array([1], true), Hash(['a', 1, 'b', 2]), Tuple[Integer, Integer].new([1, 2]),
  ],
}
notify { 'types':
  message => [
    "${type($h)}", "${type($h, 'generalized')}", "${type([])}", "${type(1.0)}", "${type(Integer[1, 2])}",
    assert_type(Integer, 'x') |$expected, $actual| { "${expected} vs ${actual}" },
  ],
}
notify { 'hash-iteration':
  message => [
    $h.map |$pair| { $pair[0] },
    $h.map |$k, $v| { "${k}=${v}" },
    $h.filter |$pair| { $pair[1] == 1 },
    $h.reduce |$memo, $pair| { [$memo[0], $pair[0]].join('') },
    $h.any |$k, $v| { $v > 1 },
    $h.all |$k, $v| { $v > 1 },
    $h.unique,
    ['b', 'a', 'c'].sort |$x, $y| { compare($y, $x) },
    [3, 1, 2].reverse_each.map |$x| { $x * 2 },
    [[1, 2], [3, 4]].map |$pair| { $pair[0] + $pair[1] },
    [[1, 2], [3, 4]].map |$a, $b| { $a },
  ],
}
$order = []
[1, 2, 3, 4].each |$x| {
  if $x == 3 { break() }
  notify { "before break ${x}": }
}
[1, 2, 3].reverse_each |$x| { notify { "reverse ${x}": } }
[1, 2, 3, 4, 5].step(2) |$x| { notify { "step ${x}": } }
notify { 'lest-then':
  message => [
    $h['missing'].lest || { 'fallback' },
    $h['beta'].then |$v| { $v * 100 },
    with('a', 'b') |*$all| { $all.join('+') },
    min('b', 'a', 'c'), max([1, 3, 2]), min(2.5, 1), max(-1, -2),
  ],
}
