# Nor may resource defaults.
Service {
  provider => 'pacemaker',
  tag     +> 'pacemaker',
}
