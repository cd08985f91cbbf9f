# Must fail: =~ needs a String on its left (a port number was matched like a string).
class ha::listener($port = 8080) {
  if $port =~ /^80/ {
    notify { 'http-alt': }
  }
}
include ha::listener
