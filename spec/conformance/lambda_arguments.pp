# Lambdas take what they are given: extra arguments are dropped, defaults fill the rest (also from earlier
# parameters); functions default from earlier parameters and capture the rest.
function cluster::label($name, $suffix = "${name}-vip", *$more) { "${suffix}${more}" }
$three = with("a", "b", "c") |$x, $y| { "${x}${y}" }
$filled = with("n") |$node, $port = 3306, $uri = "${node}:${port}"| { $uri }
$rest = with(1, 2, 3) |$first, *$others| { $others }
notify { "lambdas": message => String([$three, $filled, $rest, cluster::label("db"), cluster::label("db", "x", 1, 2)]) }
