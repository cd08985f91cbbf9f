notify { 'overflow': message => 1000000 << 64 }
