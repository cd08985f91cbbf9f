# An empty string among a resource's titles (here from a node list with a trailing comma).
$members = split("node-1,node-2,", ",")
$all = concat_members($members)
function concat_members($list) { $list + [""] }
notify { $all: }
