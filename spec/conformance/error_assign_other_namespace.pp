# A variable of another class cannot be assigned.
class lb::params { $port = 80 }
include lb::params
$lb::params::port = 8080
