"""The command line: the parser, and a table of what each command runs."""
