# String functions and Ruby regexps over a set of inputs.
$strings = ['', 'abc', '  Mixed Case  ', "line\n", "crlf\r\n", 'node-12.example.com', 'a,b,,c,', 'ÄÖü straße', 'tab	sep', '192.168.10.11']
$strings.each |$i, $s| {
  notify { "string ${i}":
    message => [
      upcase($s), downcase($s), capitalize($s), strip($s), lstrip($s), rstrip($s), chomp($s), chop($s),
      length($s), split($s, ','), split($s, '\.'), split($s, ''), $s.split(/\s+/),
      regsubst($s, '[aeiou]', '*', 'G'), regsubst($s, '^\s+|\s+$', '', 'G'), regsubst($s, '(\w+)', '<\1>'),
      $s =~ /^\d+\.\d+/, $s =~ /\A[a-z]/, $s =~ /\s\z/, $s =~ /[[:upper:]]/, $s =~ /(?i)CASE/, $s =~ /\h{2}/,
      match($s, /(\d+)\.(\d+)/), sort($s.split('')).join(''), unique($s),
    ],
  }
}
$versions = ['1.0', '1.0.0', '1.10', '1.9', '2.0-rc1', '2.0', '0.9a', '10', '1.0~beta']
notify { 'versioncmp':
  message => $versions.map |$a| { $versions.map |$b| { versioncmp($a, $b) } },
}
$patterns = ['^node-(\d+)', '(?<host>[^.]+)\.(?<domain>.*)', '\.', '[.-]', 'e(?=x)', '(?<!a)b', '\bex', 'o{2,}', '\d+$', '[^[:alnum:]]']
notify { 'regsubst patterns':
  message => $patterns.map |$p| { [regsubst('node-12.example.com', $p, '_', 'G'), 'node-12.example.com' =~ Regexp($p)] },
}
