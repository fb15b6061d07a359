"""Entry script of the frozen desktop program (`bianzhi`): the same as the installed gui-script."""

import sys

from bianzhi_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
