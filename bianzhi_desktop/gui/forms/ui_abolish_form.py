# Generated from ui/abolish_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'abolish_form.ui'
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
    QGridLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_AbolishForm(object):
    def setupUi(self, AbolishForm):
        if not AbolishForm.objectName():
            AbolishForm.setObjectName(u"AbolishForm")
        AbolishForm.resize(680, 280)
        self.mainLayout = QVBoxLayout(AbolishForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.warningLabel = QLabel(AbolishForm)
        self.warningLabel.setObjectName(u"warningLabel")
        self.warningLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.warningLabel)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.dateLabel = QLabel(AbolishForm)
        self.dateLabel.setObjectName(u"dateLabel")
        self.dateLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.dateLabel, 0, 0, 1, 1)

        self.dateEdit = QLineEdit(AbolishForm)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setMinimumSize(QSize(260, 0))

        self.formGrid.addWidget(self.dateEdit, 0, 1, 1, 1)

        self.dateMessage = QLabel(AbolishForm)
        self.dateMessage.setObjectName(u"dateMessage")
        self.dateMessage.setMinimumSize(QSize(220, 0))
        self.dateMessage.setWordWrap(True)

        self.formGrid.addWidget(self.dateMessage, 0, 2, 1, 1)

        self.documentLabel = QLabel(AbolishForm)
        self.documentLabel.setObjectName(u"documentLabel")
        self.documentLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.documentLabel, 1, 0, 1, 1)

        self.documentEdit = QLineEdit(AbolishForm)
        self.documentEdit.setObjectName(u"documentEdit")
        self.documentEdit.setMaxLength(128)

        self.formGrid.addWidget(self.documentEdit, 1, 1, 1, 1)

        self.documentMessage = QLabel(AbolishForm)
        self.documentMessage.setObjectName(u"documentMessage")
        self.documentMessage.setWordWrap(True)

        self.formGrid.addWidget(self.documentMessage, 1, 2, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(AbolishForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(AbolishForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.dateLabel.setBuddy(self.dateEdit)
        self.documentLabel.setBuddy(self.documentEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dateEdit, self.documentEdit)

        self.retranslateUi(AbolishForm)
        self.buttonBox.accepted.connect(AbolishForm.accept)
        self.buttonBox.rejected.connect(AbolishForm.reject)
    # setupUi

    def retranslateUi(self, AbolishForm):
        AbolishForm.setWindowTitle(QCoreApplication.translate("AbolishForm", u"\u64a4\u9500", None))
        self.dateLabel.setText(QCoreApplication.translate("AbolishForm", u"\u64a4\u9500\u65e5\u671f(&D)\uff1a", None))
        self.dateEdit.setPlaceholderText(QCoreApplication.translate("AbolishForm", u"\u5fc5\u586b\uff0c\u5982\uff1a2024-06-30", None))
        self.documentLabel.setText(QCoreApplication.translate("AbolishForm", u"\u4f9d\u636e\u6587\u53f7(&N)\uff1a", None))
        self.documentEdit.setPlaceholderText(QCoreApplication.translate("AbolishForm", u"\u5fc5\u586b\uff0c\u64a4\u9500\u8be5\u673a\u6784\u7684\u6587\u4ef6\u6587\u53f7", None))
    # retranslateUi
