# include/require/contain with class references, arrays and ::names; they return Class types as Puppet 7 does.
class a { notify { "a": } }
class b { notify { "b": } }
class c { notify { "c": } }
class d::e { notify { "de": } }
include Class["a"], ["b", "::c"]
include d::e
class wrapper { require Class["a"]  contain "::d::e" }
include wrapper
$r = include(b)
notify { "include result": message => String([$r, defined(Class["c"])]) }
