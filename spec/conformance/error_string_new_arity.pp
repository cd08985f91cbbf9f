# String() takes a value and at most one format.
notify { "s": message => String(1, "%d", "extra") }
