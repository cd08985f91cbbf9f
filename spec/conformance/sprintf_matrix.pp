# sprintf directives against integers, floats and numeric strings (Ruby's format semantics).
$formats = ['%d', '%5d', '%-5d|', '%05d', '%+d', '% d', '%x', '%#X', '%o', '%b', '%e', '%.2e', '%E', '%g', '%.3g', '%G', '%f', '%.0f', '%.1f', '%10.3f', '%-10.2f|', '%+.1e', '%s', '%5s', '%.1s', '%p', '%-6s|', '%3$s %1$s']
$numbers = [0, 7, -7, 42, 255, 3.14159, -2.5, 1e10, 0.000123, 123456789, '12', '0x1f']
$formats.each |$i, $format| {
  notify { "format ${i} ${format}":
    message => $numbers.map |$n| { sprintf($format, $n, 'b', 'c') },
  }
}
