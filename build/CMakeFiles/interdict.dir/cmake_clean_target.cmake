file(REMOVE_RECURSE
  "libinterdict.a"
)
