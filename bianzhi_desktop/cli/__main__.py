import sys

from bianzhi_desktop.cli.main import main

sys.exit(main())
