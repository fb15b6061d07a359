"""`python -m bianzhi_desktop`: the desktop program (the console tool is `bianzhi-cli`).

A frozen build is also the workbook reader's separate process (`--excel-worker`, see
documents/excel/worker.py): that is answered before Qt is imported.
"""

import sys

if sys.argv[1:2] == ["--excel-worker"]:
    from bianzhi_desktop.documents.excel.worker import main as worker_main

    raise SystemExit(worker_main())

from bianzhi_desktop.gui.app import main

raise SystemExit(main())
