import sys

from bianzhi_desktop.cli.console import main

sys.exit(main())
