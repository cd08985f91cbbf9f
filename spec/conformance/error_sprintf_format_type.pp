# sprintf() is a Puppet 3 function: a non-String format fails with Ruby's words.
$port = 5405
notify { "port": message => sprintf($port) }
