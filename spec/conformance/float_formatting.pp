# Floats as Ruby prints them: interpolation switches to exponent form from 1.0e+15 and below 0.0001;
# String() of a Float, raw floats in parameters, sprintf formats.
$f = [0.1 + 0.2, 1e20, 1.0e-5, 100.0, 1e15, 1e16, 123456789012345.0, 1234567890123456.0, 0.0001, 0.00001, 2.0 / 3, -1.5, 1.23e-7, 3.0 * 1.1]
notify { 'interp': message => "${f}" }
notify { 'strs': message => $f.map |$x| { String($x) } }
notify { 'raw': message => $f }
notify { 'fmt': message => [sprintf('%s|%.3f|%g|%e|%10.4f|%-8.2f', 1.5, 2.0005, 0.00001234, 1234.5, 3.14159, 2.5), String(1.25, '%.1f'), String(0.125, '%.2f')] }
