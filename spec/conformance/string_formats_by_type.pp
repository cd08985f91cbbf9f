# String(value, format) dispatches on the value's type as Puppet's StringConverter: the letters
# mean different things per type (%d of a String is downcase, %C capitalizes '::' segments,
# %y of a Boolean is yes/no, %n of undef is nil), and %p quotes strings as Puppet source.
notify { 'strings':
  message => [String('abc\n', '%C'), String('foo::bar baz', '%C'), String('0x1F', '%d'), String('MiXed', '%u'),
    String('  pad ', '%t'), String('hello', '%-8c'), String('hello', '%.2c'), String('x', '%s'), String('x', '%p'),
    String("it's", '%p'), String('a\b', '%p'), String("tab\there", '%p'), String('x\\', '%p'), String('$x', '%#p'),
    String('wide', '%8p')],
}
notify { 'booleans':
  message => [String(true, '%y'), String(false, '%#T'), String(true, '%5t'), String(false, '%Y'), String(true, '%d'),
    String(false, '%.1f'), String(true, '%x'), String(true, '%s'), String(false, '%p')],
}
notify { 'undef-default':
  message => [String(undef, '%n'), String(undef, '%#n'), String(undef, '%u'), String(undef, '%d'), String(undef, '%v'),
    String(undef, '%s'), String(undef, '%p'), String(default, '%D'), String(default, '%d'), String(default, '%#s')],
}
notify { 'numbers':
  message => [String(42, '%s'), String(2.5, '%s'), String(65, '%c'), String(255, '%#x'), String(3.7, '%d'), String(7, '%.2f')],
}
notify { 'nested-quotes':
  message => String(["it's", 'a\b', "line\nbreak", 'plain', 'x\\']),
}
