"""`python -m bianzhi_desktop`: the desktop program (the console tool is `bianzhi-cli`)."""

from bianzhi_desktop.gui.app import main

raise SystemExit(main())
