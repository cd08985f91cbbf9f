# join()'s delimiter must be a String.
$members = ["node-1", "node-2"]
notify { "members": message => join($members, 0) }
