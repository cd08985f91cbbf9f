# dig into an array with a String index: Puppet's SLICE_ERROR wording with the walked path.
$cluster = { "nodes" => [{ "name" => "node-1" }, { "name" => "node-2" }] }
notify { "first": message => $cluster.dig("nodes", "first", "name") }
