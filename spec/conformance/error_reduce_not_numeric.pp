$letters = ['b', 'a']
notify { 'sum': message => $letters.reduce(0) |$memo, $x| { $memo + [$x] } }
