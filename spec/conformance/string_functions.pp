# String functions: sprintf, regsubst, join, split, case conversion, strip and friends.
$hosts = ['node-1', 'node-2', 'node-3']

notify { 'sprintf':
  message => sprintf('%s has %d members, load %05.2f, hex %x, oct %o, pct %%, [%-8s] [%8s]', 'prod', 3, 3.14159, 255, 8, 'left', 'right'),
}
notify { 'regsubst':
  message => [
    regsubst('node-1.example.com', '\.example\.com$', ''),
    regsubst('a-b-c', '-', '_', 'G'),
    regsubst('Hello World', '(\w+) (\w+)', '\2 \1'),
    regsubst('ABC', 'b', 'x', 'I'),
    regsubst($hosts, '^node-', 'n'),
  ],
}
notify { 'join-split':
  message => [join($hosts, ','), split('a,b,,c', ','), split('a1b22c', '\d+'), join([1, 2, 3])],
}
notify { 'case':
  message => [upcase('abc'), downcase('ABC'), capitalize('hello world'), upcase(['x', 'y'])],
}
notify { 'strip':
  message => [strip('  x  '), lstrip('  x  '), rstrip('  x  '), chomp("line\n"), chop('abc')],
}
