# any() does not rescue a break (Ruby's Enumerable#any?), and nothing around it iterates: the break
# reaches the top of the program.
class cluster::members($nodes = ['node-1', 'node-2', 'witness-1']) {
  $has_witness = $nodes.any |$node| {
    if $node =~ /witness/ { break() }
    false
  }
  notify { "witness: ${has_witness}": }
}
include cluster::members
