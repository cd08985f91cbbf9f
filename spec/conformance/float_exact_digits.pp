# Huge floats formatted with %f print the exact digits of the double, as Ruby does.
notify { "x": message => [String(1e100), sprintf("%.2f", 1.7976931348623157e308), sprintf("%f", 12345678901234567890.0), sprintf("%.1f", 9007199254740993.0)] }
