# Integer division by zero; Puppet blames the divisor.
$members = []
$share = 100 / $members.length
notify { "share": message => $share }
