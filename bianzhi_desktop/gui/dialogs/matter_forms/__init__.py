"""The guided forms of the staffing matters (机构编制事项), one per kind, and the dialog that asks
which kind to draft. Kinds without a form yet are listed in `MISSING` and not offered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.matter_forms.base import MatterFormDialog
from bianzhi_desktop.gui.dialogs.matter_forms.institution import (
    AmendUnitForm,
    CreateUnitForm,
    LeaderPostsForm,
    QuotaChangeForm,
)
from bianzhi_desktop.gui.dialogs.matter_forms.moves import AbolishUnitForm, TransferForm
from bianzhi_desktop.gui.dialogs.matter_forms.personnel import EnrollmentForm, HiringPlanForm, RemovalForm
from bianzhi_desktop.gui.dialogs.matter_forms.structure import CharterForm, DivisionsForm, MergeUnitsForm

FORMS: dict[m.MatterKind, type[MatterFormDialog]] = {
    form.KIND: form
    for form in (
        HiringPlanForm,
        EnrollmentForm,
        RemovalForm,
        TransferForm,
        QuotaChangeForm,
        CreateUnitForm,
        AbolishUnitForm,
        AmendUnitForm,
        MergeUnitsForm,
        LeaderPostsForm,
        DivisionsForm,
        CharterForm,
    )
}
MISSING = tuple(kind for kind in m.MatterKind if kind not in FORMS)

__all__ = [
    "FORMS",
    "MISSING",
    "AbolishUnitForm",
    "AmendUnitForm",
    "CharterForm",
    "CreateUnitForm",
    "DivisionsForm",
    "EnrollmentForm",
    "HiringPlanForm",
    "KindChooser",
    "LeaderPostsForm",
    "MatterFormDialog",
    "MergeUnitsForm",
    "QuotaChangeForm",
    "RemovalForm",
    "TransferForm",
    "form_for",
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MatterForms", text)


def form_for(
    ctx: AppContext,
    kind: m.MatterKind,
    parent: QWidget | None = None,
    *,
    matter_id: int | None = None,
    content: m.Content | None = None,
) -> MatterFormDialog | None:
    """The guided form of a kind (None for a kind without one)."""
    form = FORMS.get(kind)
    if form is None or (content is not None and not form.fits(content)):
        return None
    return form(ctx, parent, matter_id=matter_id, content=content)


class KindChooser(QDialog):
    """新建事项: which kind (Enter or double-click chooses, Esc cancels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matterKindChooser")
        self.setWindowTitle(_tr("新建机构编制事项"))
        self.list = QListWidget()
        self.list.setObjectName("kindList")
        for kind in FORMS:
            item = QListWidgetItem(kind.label)
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        note = QLabel(
            _tr("以下事项暂无向导表单，本版本尚不能在程序中起草：{0}。").format(
                "、".join(kind.label for kind in MISSING)
            )
        )
        note.setVisible(bool(MISSING))
        note.setWordWrap(True)
        note.setStyleSheet("color: #566573;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("填写"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("选择要起草的事项：")))
        layout.addWidget(self.list)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(420, 380)

    def kind(self) -> m.MatterKind | None:
        item = self.list.currentItem()
        return m.MatterKind(item.data(Qt.ItemDataRole.UserRole)) if item else None
