"""Entry script of the frozen desktop program (`bianzhi`): the same as the installed gui-script.

On Linux the console `bianzhi-cli` is a link to this program (one executable, one copy of the Python
archive: 9 MB less), so a start under that name runs the console. On Windows the console is its own
executable (`launch_cli.py`), since a windowed program there has no console to print to.
"""

import sys
from pathlib import Path

if sys.argv[1:2] == ["--excel-worker"]:  # the workbook reader's own process (documents/excel/worker.py)
    from bianzhi_desktop.documents.excel.worker import main as worker_main

    sys.exit(worker_main())

if Path(sys.argv[0]).name == "bianzhi-cli":  # never loads Qt
    from bianzhi_desktop.cli import main as console_main

    sys.exit(console_main())

from bianzhi_desktop.gui.app import main  # after the early exits above: neither loads Qt

if __name__ == "__main__":
    sys.exit(main())
