"""Entry script of the frozen console (`bianzhi-cli`): the same as the installed console-script."""

import sys

from bianzhi_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
