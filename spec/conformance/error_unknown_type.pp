# Must fail: a resource type nobody defines.
frobnicate { 'x':
  level => 3,
}
