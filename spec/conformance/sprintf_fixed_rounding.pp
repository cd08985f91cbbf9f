# '%.Nf' rounding as Ruby's: below one unit of the last digit the double's exact value decides
# (0.05 is a little above 0.05), above it the shortest digits round half to even.
$values = [0.05, 0.04, 0.5, 0.51, 0.005, 0.0051, 0.45, 2.675, 2.5, 0.15, 0.0005, -0.05, 0.001]
notify { 'one-digit': message => $values.map |$v| { sprintf('%.1f', $v) } }
notify { 'two-digits': message => $values.map |$v| { sprintf('%.2f', $v) } }
notify { 'no-digits': message => $values.map |$v| { sprintf('%.0f', $v) } }
