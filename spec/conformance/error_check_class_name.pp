# Must fail: class names are lower case words joined by '::' (no dashes).
class ha::pacemaker-remote($port = 3121) {
  notify { "pacemaker_remote on ${port}": }
}
include ha::pacemaker-remote
