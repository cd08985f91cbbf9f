# tag() refuses a tag Puppet cannot use.
class cluster::tagged { tag "pacemaker cluster" }
include cluster::tagged
