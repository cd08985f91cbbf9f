# Assigning an array to more variables than it has values.
$endpoint = split("192.0.2.10:80", ":")
[$address, $port, $proto] = $endpoint
notify { "endpoint": message => "${address} ${port} ${proto}" }
