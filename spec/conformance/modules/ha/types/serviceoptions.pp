# Options of a service handed to Pacemaker.
type Ha::ServiceOptions = Struct[{
  Optional['clone']    => Boolean,
  Optional['port']     => Ha::Port,
  Optional['monitor']  => Pattern[/^\d+s$/],
}]
