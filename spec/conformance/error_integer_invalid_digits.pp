notify { 'digits': message => Integer('17', 2) }
