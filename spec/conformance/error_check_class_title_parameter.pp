# A class parameter may not be called $title or $name: both are built in.
class profile::rabbitmq(
  String $title = 'rabbitmq',
  Integer $port = 5672,
) {
  notify { "rabbitmq on ${port}": }
}
include profile::rabbitmq
