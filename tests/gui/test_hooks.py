"""A form class that leaves out one of its base's hooks is refused when it is defined."""

from __future__ import annotations

from typing import Any

import pytest

from bianzhi_desktop.gui.dialogs.common import FormDialog
from bianzhi_desktop.gui.dialogs.matter_forms.base import MatterFormDialog
from bianzhi_desktop.gui.settings import Option


def test_a_form_without_save_is_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="NoSave must define save"):

        class NoSave(FormDialog):
            def check(self) -> None:
                return None


def test_a_matter_form_must_build_give_its_content_and_load_a_draft() -> None:
    with pytest.raises(TypeError, match="Half must define content, load"):

        class Half(MatterFormDialog):
            def build(self) -> None:
                return None

            def check(self) -> None:
                return None


def test_an_intermediate_base_may_leave_hooks_to_its_subclasses() -> None:
    class Shared(FormDialog):
        _partial = True

    class Complete(Shared):
        def check(self) -> None:
            return None

        def save(self, uow: Any) -> int:
            return 1

    assert Complete.save(None, None) == 1  # type: ignore[arg-type]


def test_a_setting_type_must_say_how_to_read_its_value() -> None:
    class Unreadable(Option[int]):
        pass

    with pytest.raises(TypeError, match="abstract"):
        Unreadable("x", 0)  # type: ignore[abstract]
