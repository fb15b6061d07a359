# Generated from ui/division_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'division_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGridLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_DivisionForm(object):
    def setupUi(self, DivisionForm):
        if not DivisionForm.objectName():
            DivisionForm.setObjectName(u"DivisionForm")
        DivisionForm.resize(720, 420)
        self.mainLayout = QVBoxLayout(DivisionForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.unitValue = QLabel(DivisionForm)
        self.unitValue.setObjectName(u"unitValue")
        self.unitValue.setWordWrap(True)

        self.mainLayout.addWidget(self.unitValue)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.nameLabel = QLabel(DivisionForm)
        self.nameLabel.setObjectName(u"nameLabel")
        self.nameLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(DivisionForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMinimumSize(QSize(300, 0))
        self.nameEdit.setMaxLength(128)

        self.formGrid.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.nameMessage = QLabel(DivisionForm)
        self.nameMessage.setObjectName(u"nameMessage")
        self.nameMessage.setMinimumSize(QSize(220, 0))
        self.nameMessage.setWordWrap(True)

        self.formGrid.addWidget(self.nameMessage, 0, 2, 1, 1)

        self.dutiesLabel = QLabel(DivisionForm)
        self.dutiesLabel.setObjectName(u"dutiesLabel")
        self.dutiesLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)

        self.formGrid.addWidget(self.dutiesLabel, 1, 0, 1, 1)

        self.dutiesEdit = QPlainTextEdit(DivisionForm)
        self.dutiesEdit.setObjectName(u"dutiesEdit")
        self.dutiesEdit.setTabChangesFocus(True)

        self.formGrid.addWidget(self.dutiesEdit, 1, 1, 1, 2)

        self.positionLabel = QLabel(DivisionForm)
        self.positionLabel.setObjectName(u"positionLabel")
        self.positionLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.positionLabel, 2, 0, 1, 1)

        self.positionSpin = QSpinBox(DivisionForm)
        self.positionSpin.setObjectName(u"positionSpin")
        self.positionSpin.setMinimum(1)
        self.positionSpin.setMaximum(999)

        self.formGrid.addWidget(self.positionSpin, 2, 1, 1, 1)

        self.foundedLabel = QLabel(DivisionForm)
        self.foundedLabel.setObjectName(u"foundedLabel")
        self.foundedLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.foundedLabel, 3, 0, 1, 1)

        self.foundedEdit = QLineEdit(DivisionForm)
        self.foundedEdit.setObjectName(u"foundedEdit")

        self.formGrid.addWidget(self.foundedEdit, 3, 1, 1, 1)

        self.foundedMessage = QLabel(DivisionForm)
        self.foundedMessage.setObjectName(u"foundedMessage")
        self.foundedMessage.setWordWrap(True)

        self.formGrid.addWidget(self.foundedMessage, 3, 2, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(DivisionForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(DivisionForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.dutiesLabel.setBuddy(self.dutiesEdit)
        self.positionLabel.setBuddy(self.positionSpin)
        self.foundedLabel.setBuddy(self.foundedEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.dutiesEdit)
        QWidget.setTabOrder(self.dutiesEdit, self.positionSpin)
        QWidget.setTabOrder(self.positionSpin, self.foundedEdit)

        self.retranslateUi(DivisionForm)
        self.buttonBox.accepted.connect(DivisionForm.accept)
        self.buttonBox.rejected.connect(DivisionForm.reject)
    # setupUi

    def retranslateUi(self, DivisionForm):
        DivisionForm.setWindowTitle(QCoreApplication.translate("DivisionForm", u"\u5185\u8bbe\u673a\u6784", None))
        self.nameLabel.setText(QCoreApplication.translate("DivisionForm", u"\u540d\u79f0(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("DivisionForm", u"\u5fc5\u586b\uff0c\u5982\uff1a\u529e\u516c\u5ba4\u3001\u4eba\u4e8b\u80a1", None))
        self.dutiesLabel.setText(QCoreApplication.translate("DivisionForm", u"\u4e3b\u8981\u804c\u8d23(&D)\uff1a", None))
        self.dutiesEdit.setPlaceholderText(QCoreApplication.translate("DivisionForm", u"\u53ef\u6682\u4e0d\u586b", None))
        self.positionLabel.setText(QCoreApplication.translate("DivisionForm", u"\u6392\u5e8f\u53f7(&X)\uff1a", None))
        self.foundedLabel.setText(QCoreApplication.translate("DivisionForm", u"\u8bbe\u7acb\u65e5\u671f(&O)\uff1a", None))
        self.foundedEdit.setPlaceholderText(QCoreApplication.translate("DivisionForm", u"\u5982\uff1a2019-03-01\uff0c\u53ef\u6682\u4e0d\u586b", None))
    # retranslateUi
