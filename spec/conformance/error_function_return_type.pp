# A function declaring its return type must return an instance of it.
function cluster::quorum(Array[String] $nodes) >> Integer {
  "${nodes.length / 2 + 1}"
}
notify { "quorum": message => cluster::quorum(["node-1", "node-2", "node-3"]) }
