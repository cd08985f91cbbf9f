$text = 'Hello World'
notify { 'flags': message => regsubst($text, /o/, '0', 'GI') }
