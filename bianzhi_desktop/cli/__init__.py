"""bianzhi-cli: the console entry for batch jobs, scripting and checks.

One module per area of the office (`exchange`, `health`, `matters`, `paperwork`), the database,
county and user commands in `main`, and what they share in `common`. Like the window, the console
calls only the services' public faces (`bianzhi_desktop.services.<area>`), never models or SQL.
"""

from bianzhi_desktop.cli.console import main

__all__ = ["main"]
