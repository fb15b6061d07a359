# Generated from ui/matter_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'matter_form.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QGroupBox, QHeaderView, QLabel,
    QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_MatterForm(object):
    def setupUi(self, MatterForm):
        if not MatterForm.objectName():
            MatterForm.setObjectName(u"MatterForm")
        MatterForm.resize(860, 640)
        self.mainLayout = QVBoxLayout(MatterForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerLabel = QLabel(MatterForm)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setWordWrap(True)
        self.headerLabel.setStyleSheet(u"font-size: 14pt; font-weight: bold;")

        self.mainLayout.addWidget(self.headerLabel)

        self.hintLabel = QLabel(MatterForm)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setStyleSheet(u"color: #566573;")

        self.mainLayout.addWidget(self.hintLabel)

        self.fieldsHost = QWidget(MatterForm)
        self.fieldsHost.setObjectName(u"fieldsHost")

        self.mainLayout.addWidget(self.fieldsHost)

        self.previewGroup = QGroupBox(MatterForm)
        self.previewGroup.setObjectName(u"previewGroup")
        self.previewLayout = QVBoxLayout(self.previewGroup)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewTable = QTableWidget(self.previewGroup)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previewTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.previewTable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.previewTable.setMinimumSize(QSize(0, 110))

        self.previewLayout.addWidget(self.previewTable)

        self.previewNote = QLabel(self.previewGroup)
        self.previewNote.setObjectName(u"previewNote")
        self.previewNote.setWordWrap(True)

        self.previewLayout.addWidget(self.previewNote)


        self.mainLayout.addWidget(self.previewGroup)

        self.formError = QLabel(MatterForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(MatterForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(MatterForm)
        self.buttonBox.accepted.connect(MatterForm.accept)
        self.buttonBox.rejected.connect(MatterForm.reject)
    # setupUi

    def retranslateUi(self, MatterForm):
        MatterForm.setWindowTitle(QCoreApplication.translate("MatterForm", u"\u65b0\u5efa\u673a\u6784\u7f16\u5236\u4e8b\u9879", None))
        self.previewGroup.setTitle(QCoreApplication.translate("MatterForm", u"\u6279\u51c6\u540e\u5c06\u53d8\u52a8\u7684\u6570\u5b57\uff08\u53d8\u52a8\u524d \u2192 \u53d8\u52a8\u540e\uff09", None))
    # retranslateUi
