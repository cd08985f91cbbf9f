# A default expression reading a parameter whose own default has not run yet.
class cluster::settings($quorum = $nodes.length / 2 + 1, $nodes = ["node-1", "node-2", "node-3"]) {
  notify { "quorum ${quorum}": }
}
include cluster::settings
