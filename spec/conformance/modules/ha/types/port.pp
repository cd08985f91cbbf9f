# A TCP/UDP port number.
type Ha::Port = Integer[1, 65535]
