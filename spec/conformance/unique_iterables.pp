# unique() over Iterables other than arrays, strings and hashes (an Integer is 0..n-1).
notify { "u": message => String([unique(4), unique(Integer[2, 4]), unique([1, 1, 2]), unique("aabbc")]) }
