# Integer(), Float() and Numeric() of strings as Puppet's new: the lenient integer pattern gates the string, then
# Ruby's Integer() reads it (radix prefixes, octal by a leading 0, a space allowed after the sign).
notify { 'conversions':
  message => [Integer('0x1f'), Integer('017'), Integer('0b101'), Integer('42'), Integer('-12'), Integer('- 12'), Integer('0x1f', 16), Integer('17', 8), Integer('101', 2), Integer('017', 10),
    Integer(3.7), Float('3.5'), Float('1e3'), Float('0x10'), Float('- 2.5'), Float('017'), Numeric('0x1f'), Numeric('12'), Numeric('3.5')] }
