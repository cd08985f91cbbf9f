# A `::` that no name segment follows ends an interpolated variable: "$x::$y" is $x, '::', $y.
$module = 'openstack_extras'
$service = 'nova-api'
notify { "$module::$service": }
notify { 'trailing': message => "$module::" }
notify { 'qualified': message => "${module}::${service} $::hostname::suffix $::fqdn" }
