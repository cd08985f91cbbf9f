# create_resources wants a hash of titles to parameters (a Puppet 3 function: its own wording).
$vips = ["192.0.2.10", "192.0.2.11"]
create_resources("notify", $vips)
