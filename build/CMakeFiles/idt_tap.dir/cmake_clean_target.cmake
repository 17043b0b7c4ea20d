file(REMOVE_RECURSE
  "libidt_tap.a"
)
