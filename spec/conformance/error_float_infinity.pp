$big = 1.0e308
notify { 'infinity': message => $big * 10 }
