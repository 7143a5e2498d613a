"""`python -m build_tools`: the command line (cli/commands.py)."""

import sys

from .cli.commands import main

sys.exit(main())
