# Titles must be strings: a hash given by mistake (create_resources style data passed to a resource).
$vips = { "public" => { "ip" => "192.0.2.10" } }
notify { [$vips]: }
