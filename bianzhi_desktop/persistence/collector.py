"""Python's cyclic garbage collector paused while a batch builds many objects.

Reading a 40,000-row roster keeps some million cells, rows and dictionaries alive while it creates more;
the collector then runs full passes over everything alive again and again (each time the live set has
grown by a quarter), which cost a third of the preview's time. The records a batch builds hold no
reference cycles, so nothing is lost by not looking for cycles until the batch is done; the collector
runs as usual afterwards. Pauses nest, and may overlap in several threads: the collector comes back on
when the last one ends (and only if it was on before the first).
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_depth = 0
_was_enabled = False

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def pauses_collector(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator: the collector is paused while `function` runs."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return paused
