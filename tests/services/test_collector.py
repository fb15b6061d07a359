"""The garbage collector's pause around batches: nested and overlapping pauses, and the state before."""

from __future__ import annotations

import gc
import threading

import pytest

from bianzhi_desktop.persistence.collector import collector_paused, pauses_collector


@pytest.fixture(autouse=True)
def _collector_on():  # type: ignore[no-untyped-def]
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_back_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_error() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("批次出错")
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outermost() -> None:
    @pauses_collector
    def inner() -> bool:
        return gc.isenabled()

    with collector_paused():
        assert inner() is False
        assert not gc.isenabled()  # the inner pause ended, the outer one still holds
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_in_two_threads() -> None:
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    assert entered.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_decorator_keeps_name_and_result() -> None:
    @pauses_collector
    def build(count: int) -> list[int]:
        """Builds a list."""
        return list(range(count))

    assert build(3) == [0, 1, 2]
    assert build.__name__ == "build" and build.__doc__ == "Builds a list."
