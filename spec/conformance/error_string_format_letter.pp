notify { 'bad': message => String([1, 2], '%j') }
