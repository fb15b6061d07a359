"""Entry script of the frozen console (`bianzhi-cli`): the same as the installed console-script."""

import sys

if sys.argv[1:2] == ["--excel-worker"]:  # the workbook reader's own process (documents/excel/worker.py)
    from bianzhi_desktop.documents.excel.worker import main as worker_main

    sys.exit(worker_main())

from bianzhi_desktop.cli import main  # after the worker's early exit: the worker never loads Qt

if __name__ == "__main__":
    sys.exit(main())
