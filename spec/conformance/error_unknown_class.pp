# Must fail: a class that no module provides.
include ha
include ha::does_not_exist
