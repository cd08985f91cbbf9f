notify { 'unknown': message => [3, 1].last }
