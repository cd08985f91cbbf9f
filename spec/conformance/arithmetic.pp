# Arithmetic and collection operators, and how numbers render in strings and in the catalog.
$a = 7
$b = 2
$arr = [1, 2] + [3] + 4
$removed = [1, 2, 3, 2] - [2]
$appended = [1] << [2, 3]
$merged = { 'a' => 1, 'b' => 2 } + { 'b' => 3, 'c' => 4 }
$without = { 'a' => 1, 'b' => 2 } - ['a']

notify { 'arithmetic':
  message => [$a + $b, $a - $b, $a * $b, $a / $b, $a % $b, $a << 2, $a >> 1, -$a, 7.0 / 2, 0x10 + 010, 1.5 * 2],
}
notify { 'collections':
  message => [$arr, $removed, $appended, $merged, $without],
}
notify { 'rendered':
  message => "${$a / $b} ${7.0 / 2} ${2.5 * 2} ${1e3 + 0} ${0.1 + 0.2}",
}
