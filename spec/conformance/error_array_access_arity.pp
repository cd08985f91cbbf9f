# Array[] takes one index or a start and a count.
$nodes = ["node-1", "node-2", "node-3"]
notify { "nodes": message => $nodes[0, 1, 2] }
