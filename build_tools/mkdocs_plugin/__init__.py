"""The MkDocs plugin `escalation-guide`: glue only. Nothing in build_tools imports it."""
