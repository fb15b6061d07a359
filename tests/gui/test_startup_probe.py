"""`bianzhi --startup-probe --db PATH` (bench/bench_frozen.py times it): the main window of the database,
READY once painted, exit 0; without --db a usage error."""

from __future__ import annotations

from bianzhi_desktop.gui.app import main


def test_startup_probe_shows_the_window_and_says_ready(qtbot, demo_ctx, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--startup-probe", "--db", demo_ctx.db.location]) == 0
    assert capsys.readouterr().out.splitlines() == ["READY"]


def test_startup_probe_needs_a_database(qtbot, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--startup-probe"]) == 2
    assert "--startup-probe 需要 --db" in capsys.readouterr().err
