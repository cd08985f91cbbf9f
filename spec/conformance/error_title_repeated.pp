# The same title twice in one resource expression.
$services = ["haproxy", "memcached", "haproxy"]
service { $services: ensure => running }
