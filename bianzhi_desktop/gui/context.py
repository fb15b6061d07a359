"""What every window and page of the program is given: the open database and the signed-in user.

Pages call services through `ctx.read()` / `ctx.write()` (units of work) and never touch the ORM
objects outside them: services hand back frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bianzhi_desktop.persistence.database import Database, UnitOfWork
from bianzhi_desktop.services.context import Actor


@dataclass
class AppContext:
    db: Database
    actor: Actor

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        with self.db.read() as uow:
            yield uow

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A writing unit of work; the caller commits (`uow.commit()`), otherwise it rolls back."""
        with self.db.write() as uow:
            yield uow
