# A regex node definition: its match is $0..$n in the node body (Puppet's ephemeral match scope for nodes).
node /^node-(\d+)\.(example)/ { notify { "matched ${1} ${2} ${0}": } if "x" =~ /(x)/ { notify { "inner ${1}": } } notify { "after ${1}": } }
