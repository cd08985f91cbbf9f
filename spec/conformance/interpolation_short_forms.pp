# Interpolation short forms ($a[0], $h[k], $s.length stops at the dot), escapes and unicode; numeric strings in arithmetic.
$a = ['first', 'second']
$h = { 'k' => 'v', 'n' => { 'm' => 'deep' } }
$s = 'str'
$n = 5
notify { 'short forms':
  message => ["$a[0]", "$a[1]x", "$h['k']", "$h[n][m]", "$s.length", "${s.length}", "${s.upcase}", "$s[0]", "${a[0]}${a[1]}", "$n-1", "${n}-1", "${$n - 1}", "$::n", "${::n}", "\${s}", "\$s", "$", "100%", "a\tb", 'single $s \n', "unicode \u00e9 \u{1F600}", "${h['n']}", "$h", "${[1, [2, 3]]}", "${undef}|", "${{ 'a' => [1] }}"],
}
notify { 'numeric strings':
  message => ['0777' + 0, '1e3' + 0, '0x1f' + 0, '-12' + 1, '+5' + 1, '3.0' + 1],
}
