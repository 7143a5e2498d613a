"""The command line, `python -m build_tools`: a table of subcommands. Nothing in build_tools imports it."""
