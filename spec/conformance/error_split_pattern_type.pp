# split() takes a String, a Regexp or a Type[Regexp] pattern.
notify { "parts": message => split("node-1:5405", 5405) }
