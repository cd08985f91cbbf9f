# Double-quote escapes (\s, \u{...}, unknown escapes kept), single-quote escapes, nested interpolation; numeric literals.
notify { 'escapes':
  message => ["a\sb", "tab\there", "cr\r", "dq\"", "bs\\", "sq\'", "dollar\$", "u\u0041\u{1F600}", "unknown\q\z", 'single \n \\ \' \$', "nested ${"inner ${1 + 1}"}", "${'quoted'}", "\${literal}"],
}
notify { 'literals': message => [0x1F, 0X1f, 0777, 017, 1e3, 1.5e-3, 1E2, 0.0, -0, 3.14, 10.0, 2.50] }
