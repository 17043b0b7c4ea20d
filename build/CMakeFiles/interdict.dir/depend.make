# Empty dependencies file for interdict.
# This may be replaced when dependencies are built.
