# Tags from tag(), tag params, containers and node scope, in Puppet's order; collectors by tag; tagged().
class tagged::base { tag 'baseline', 'Ops::Team'
  notify { 'tb': tag => ['extra'] }
  tagged::thing { 't1': }
}
define tagged::thing() { notify { "thing ${title}": } tag('fromdefine') }
node default {
  tag 'nodetag'
  include tagged::base
  notify { 'plain': }
  Notify <| tag == 'baseline' |> { message => 'collected by tag' }
  notify { 'tagged check': message => [tagged('baseline'), tagged('nodetag'), tagged('tagged::base')] }
}
