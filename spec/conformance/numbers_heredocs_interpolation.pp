# String interpolation (access, negative index, expressions, escapes), heredoc flags and margins,
# numeric formatting and conversions (Integer/Float/Numeric/String with radix and format).
$h = { 'a' => { 'b' => [1, 2, { 'c' => 'deep' }] }, 'k-1' => 'dash' }
$arr = ['x', 'y']
$n = 42
$f = 3.0
$e = 1e3
$s = "${h['a']['b'][2]['c']} ${arr[1]} ${arr[-1]} ${$n + 1} ${h['k-1']} $n.5 ${n}th \$n \${n} ${arr} ${h['a']}"
notify { 'interp': message => $s }
notify { 'nums': message => "${f} ${e} ${7 / 2} ${7.0 / 2} ${7 % 3} ${-7 % 3}" }
$doc = @("END"/L)
  Service ${arr[0]} \
  continues
    indented ${n}
  | END
notify { 'heredoc1': message => $doc }
$doc2 = @(EOT/tn$)
	tab\there\nnewline \$ literal
	EOT
notify { 'heredoc2': message => $doc2 }
$doc3 = @(RAW)
    raw ${not} $interpolated \n
    |- RAW
notify { 'heredoc3': message => $doc3 }
$doc4 = @(JSON:json)
  {"a": 1}
  |-JSON
notify { 'heredoc4': message => "[${doc4}]" }
notify { 'conv':
  message => [
    Integer('0x10'), Integer('010'), Integer('0b101'), Float('3'), Integer(3.99), Numeric('1e2'), String(1.0), String(100.0 / 3),
    '5' + 3, '1.5' * 2, "0x10" + 1, Integer('12', 8), String(255, '%x'), String(3.14159, '%.2f'), Integer(true), Boolean('yes'),
    1 + 2.0, 10 / 4, 10.0 / 4, 1 << 3, 256 >> 2, '3' == 3, 3 == 3.0, 'ABC' == 'abc', [1, 'a'] == [1, 'A'],
  ],
}
notify { 'floats': message => [0.1 + 0.2, 1.0, 1.10, 100.0, 1e20, 1e16, 1.0e15, 123456789.123456789, 2.5e-5, 1/3.0] }
