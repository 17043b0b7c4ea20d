# Empty dependencies file for interdict-cli.
# This may be replaced when dependencies are built.
