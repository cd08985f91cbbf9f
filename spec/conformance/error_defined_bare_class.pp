# defined() of the bare Class type is refused: it names every class.
if defined(Class) { notify { "some class": } }
