"""The PySide6 program.

The database layer and the services the start needs are imported here, before any module of this
package imports Qt: once PySide6 is loaded, its `__feature__` import hook reads the source of every
module imported after it, which costs ~0.2 s of start-up for SQLAlchemy's ~250 modules on a 2-core
machine. (PySide6 is not imported at all by this file.)
"""

from bianzhi_desktop.persistence import database as _database  # noqa: F401
from bianzhi_desktop.persistence import models as _models  # noqa: F401
from bianzhi_desktop.services import admin as _admin  # noqa: F401
from bianzhi_desktop.services import ledger as _ledger  # noqa: F401
