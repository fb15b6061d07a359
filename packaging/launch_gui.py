"""Entry script of the frozen desktop program (`bianzhi`): the same as the installed gui-script."""

import sys

if sys.argv[1:2] == ["--excel-worker"]:  # the workbook reader's own process (documents/excel/worker.py)
    from bianzhi_desktop.documents.excel.worker import main as worker_main

    sys.exit(worker_main())

from bianzhi_desktop.gui.app import main  # after the worker's early exit: the worker never loads Qt

if __name__ == "__main__":
    sys.exit(main())
