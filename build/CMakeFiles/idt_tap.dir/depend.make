# Empty dependencies file for idt_tap.
# This may be replaced when dependencies are built.
