# Generated from ui/removal_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'removal_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_RemovalForm(object):
    def setupUi(self, RemovalForm):
        if not RemovalForm.objectName():
            RemovalForm.setObjectName(u"RemovalForm")
        RemovalForm.resize(720, 320)
        self.mainLayout = QVBoxLayout(RemovalForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.personValue = QLabel(RemovalForm)
        self.personValue.setObjectName(u"personValue")
        self.personValue.setWordWrap(True)

        self.mainLayout.addWidget(self.personValue)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.endLabel = QLabel(RemovalForm)
        self.endLabel.setObjectName(u"endLabel")
        self.endLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.endLabel, 0, 0, 1, 1)

        self.endEdit = QLineEdit(RemovalForm)
        self.endEdit.setObjectName(u"endEdit")
        self.endEdit.setMinimumSize(QSize(260, 0))

        self.formGrid.addWidget(self.endEdit, 0, 1, 1, 1)

        self.endMessage = QLabel(RemovalForm)
        self.endMessage.setObjectName(u"endMessage")
        self.endMessage.setMinimumSize(QSize(240, 0))
        self.endMessage.setWordWrap(True)

        self.formGrid.addWidget(self.endMessage, 0, 2, 1, 1)

        self.reasonLabel = QLabel(RemovalForm)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.reasonLabel, 1, 0, 1, 1)

        self.reasonCombo = QComboBox(RemovalForm)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.formGrid.addWidget(self.reasonCombo, 1, 1, 1, 1)

        self.documentLabel = QLabel(RemovalForm)
        self.documentLabel.setObjectName(u"documentLabel")
        self.documentLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.documentLabel, 2, 0, 1, 1)

        self.documentEdit = QLineEdit(RemovalForm)
        self.documentEdit.setObjectName(u"documentEdit")
        self.documentEdit.setMaxLength(128)

        self.formGrid.addWidget(self.documentEdit, 2, 1, 1, 1)

        self.documentMessage = QLabel(RemovalForm)
        self.documentMessage.setObjectName(u"documentMessage")
        self.documentMessage.setWordWrap(True)

        self.formGrid.addWidget(self.documentMessage, 2, 2, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(RemovalForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(RemovalForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.endLabel.setBuddy(self.endEdit)
        self.reasonLabel.setBuddy(self.reasonCombo)
        self.documentLabel.setBuddy(self.documentEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.endEdit, self.reasonCombo)
        QWidget.setTabOrder(self.reasonCombo, self.documentEdit)

        self.retranslateUi(RemovalForm)
        self.buttonBox.accepted.connect(RemovalForm.accept)
        self.buttonBox.rejected.connect(RemovalForm.reject)
    # setupUi

    def retranslateUi(self, RemovalForm):
        RemovalForm.setWindowTitle(QCoreApplication.translate("RemovalForm", u"\u51fa\u7f16\u767b\u8bb0", None))
        self.endLabel.setText(QCoreApplication.translate("RemovalForm", u"\u51fa\u7f16\u65f6\u95f4(&E)\uff1a", None))
        self.endEdit.setPlaceholderText(QCoreApplication.translate("RemovalForm", u"\u5fc5\u586b\uff0c\u5982\uff1a2024-06-30", None))
        self.reasonLabel.setText(QCoreApplication.translate("RemovalForm", u"\u51fa\u7f16\u539f\u56e0(&R)\uff1a", None))
        self.documentLabel.setText(QCoreApplication.translate("RemovalForm", u"\u51fa\u7f16\u6587\u53f7(&N)\uff1a", None))
        self.documentEdit.setPlaceholderText(QCoreApplication.translate("RemovalForm", u"\u5fc5\u586b\uff0c\u51fa\u7f16\u901a\u77e5\u5355\u7684\u6587\u53f7", None))
    # retranslateUi
