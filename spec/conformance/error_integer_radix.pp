notify { 'radix': message => Integer('z', 36) }
