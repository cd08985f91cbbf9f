# Collection and utility functions of Puppet's core.
$h = { 'b' => 2, 'a' => 1, 'c' => 3 }
$l = ['node-3', 'node-1', 'node-2', 'node-1']

notify { 'collections':
  message => [
    keys($h), values($h), length($l), size($h), $l.length, empty(''), empty([]), empty($h),
    flatten([1, [2, [3, [4]]]]), unique($l), sort($l), sort([10, 9, 100]),
    dig({ 'a' => { 'b' => [5, 6] } }, 'a', 'b', 0), dig({ 'a' => 1 }, 'x', 'y'),
    min(5, 3, 9), max(5, 3, 9), max('apple', 'pear'), abs(-4), abs(-2.5),
  ],
}
notify { 'versions':
  message => [versioncmp('2.0.1', '2.0.10'), versioncmp('1.10', '1.9'), versioncmp('1.0', '1.0')],
}
notify { 'iteration':
  message => [
    $l.reverse_each.map |$x| { $x },
    [1, 2, 3, 4, 5, 6].step(2).map |$x| { $x },
    undef.then |$x| { 'never' },
    'value'.then |$x| { "got ${x}" },
    undef.lest || { 'default' },
    match('node-12', /^(\w+)-(\d+)$/),
    3.map |$i| { $i * 10 },
  ],
}
notify { 'digests':
  message => [sha1('cluster'), md5('cluster'), sha256('cluster')],
}
$l.each |$i, $n| {
  if $i == 0 { notify { "first ${n}": } }
}
