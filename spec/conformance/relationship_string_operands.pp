# Chains whose operands are strings naming resources are read as references, as Puppet does.
notify { ["start", "middle", "end"]: }
"Notify[start]" -> Notify["middle"]
Notify["middle"] ~> "Notify[end]"
["Notify[start]", Notify["end"]] -> notify { "last": }
