# A string indexed by a key, as if it were a hash: Puppet blames the key.
$settings = { "bind" => "192.0.2.10:80" }
notify { "bind": message => $settings["bind"]["address"] }
