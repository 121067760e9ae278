"""`python -m desktop`: the same as the `interviewdesk` command (the desktop app without a command)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
