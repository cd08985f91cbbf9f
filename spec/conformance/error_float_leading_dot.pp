notify { 'dot': message => Float('.5') }
