# Ordering an Integer against a String is refused; Puppet places it at the operator.
$release = "7"
if 8 > $release { notify { "newer": } }
