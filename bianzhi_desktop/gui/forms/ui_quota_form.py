# Generated from ui/quota_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'quota_form.ui'
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
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_QuotaForm(object):
    def setupUi(self, QuotaForm):
        if not QuotaForm.objectName():
            QuotaForm.setObjectName(u"QuotaForm")
        QuotaForm.resize(760, 380)
        self.mainLayout = QVBoxLayout(QuotaForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.unitValue = QLabel(QuotaForm)
        self.unitValue.setObjectName(u"unitValue")
        self.unitValue.setWordWrap(True)

        self.mainLayout.addWidget(self.unitValue)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.kindLabel = QLabel(QuotaForm)
        self.kindLabel.setObjectName(u"kindLabel")
        self.kindLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.kindLabel, 0, 0, 1, 1)

        self.kindCombo = QComboBox(QuotaForm)
        self.kindCombo.setObjectName(u"kindCombo")
        self.kindCombo.setMinimumSize(QSize(260, 0))

        self.formGrid.addWidget(self.kindCombo, 0, 1, 1, 1)

        self.kindMessage = QLabel(QuotaForm)
        self.kindMessage.setObjectName(u"kindMessage")
        self.kindMessage.setMinimumSize(QSize(280, 0))
        self.kindMessage.setWordWrap(True)

        self.formGrid.addWidget(self.kindMessage, 0, 2, 1, 1)

        self.amountLabel = QLabel(QuotaForm)
        self.amountLabel.setObjectName(u"amountLabel")
        self.amountLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.amountLabel, 1, 0, 1, 1)

        self.amountSpin = QSpinBox(QuotaForm)
        self.amountSpin.setObjectName(u"amountSpin")
        self.amountSpin.setMinimum(-9999)
        self.amountSpin.setMaximum(9999)

        self.formGrid.addWidget(self.amountSpin, 1, 1, 1, 1)

        self.amountMessage = QLabel(QuotaForm)
        self.amountMessage.setObjectName(u"amountMessage")
        self.amountMessage.setWordWrap(True)

        self.formGrid.addWidget(self.amountMessage, 1, 2, 1, 1)

        self.effectiveLabel = QLabel(QuotaForm)
        self.effectiveLabel.setObjectName(u"effectiveLabel")
        self.effectiveLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.effectiveLabel, 2, 0, 1, 1)

        self.effectiveEdit = QLineEdit(QuotaForm)
        self.effectiveEdit.setObjectName(u"effectiveEdit")

        self.formGrid.addWidget(self.effectiveEdit, 2, 1, 1, 1)

        self.effectiveMessage = QLabel(QuotaForm)
        self.effectiveMessage.setObjectName(u"effectiveMessage")
        self.effectiveMessage.setWordWrap(True)

        self.formGrid.addWidget(self.effectiveMessage, 2, 2, 1, 1)

        self.documentLabel = QLabel(QuotaForm)
        self.documentLabel.setObjectName(u"documentLabel")
        self.documentLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.documentLabel, 3, 0, 1, 1)

        self.documentEdit = QLineEdit(QuotaForm)
        self.documentEdit.setObjectName(u"documentEdit")
        self.documentEdit.setMaxLength(128)

        self.formGrid.addWidget(self.documentEdit, 3, 1, 1, 1)

        self.documentMessage = QLabel(QuotaForm)
        self.documentMessage.setObjectName(u"documentMessage")
        self.documentMessage.setWordWrap(True)

        self.formGrid.addWidget(self.documentMessage, 3, 2, 1, 1)

        self.reasonLabel = QLabel(QuotaForm)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.reasonLabel, 4, 0, 1, 1)

        self.reasonEdit = QLineEdit(QuotaForm)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(256)

        self.formGrid.addWidget(self.reasonEdit, 4, 1, 1, 1)

        self.reasonMessage = QLabel(QuotaForm)
        self.reasonMessage.setObjectName(u"reasonMessage")
        self.reasonMessage.setWordWrap(True)

        self.formGrid.addWidget(self.reasonMessage, 4, 2, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(QuotaForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(QuotaForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.kindCombo)
        self.amountLabel.setBuddy(self.amountSpin)
        self.effectiveLabel.setBuddy(self.effectiveEdit)
        self.documentLabel.setBuddy(self.documentEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kindCombo, self.amountSpin)
        QWidget.setTabOrder(self.amountSpin, self.effectiveEdit)
        QWidget.setTabOrder(self.effectiveEdit, self.documentEdit)
        QWidget.setTabOrder(self.documentEdit, self.reasonEdit)

        self.retranslateUi(QuotaForm)
        self.buttonBox.accepted.connect(QuotaForm.accept)
        self.buttonBox.rejected.connect(QuotaForm.reject)
    # setupUi

    def retranslateUi(self, QuotaForm):
        QuotaForm.setWindowTitle(QCoreApplication.translate("QuotaForm", u"\u5f55\u5165\u6838\u5b9a\u7f16\u5236", None))
        self.kindLabel.setText(QCoreApplication.translate("QuotaForm", u"\u7f16\u5236\u7c7b\u578b(&K)\uff1a", None))
        self.amountLabel.setText(QCoreApplication.translate("QuotaForm", u"\u7f16\u5236\u6570\u53d8\u52a8(&A)\uff1a", None))
        self.amountSpin.setSuffix(QCoreApplication.translate("QuotaForm", u" \u540d", None))
        self.effectiveLabel.setText(QCoreApplication.translate("QuotaForm", u"\u751f\u6548\u65e5\u671f(&E)\uff1a", None))
        self.effectiveEdit.setPlaceholderText(QCoreApplication.translate("QuotaForm", u"\u5fc5\u586b\uff0c\u5982\uff1a2019-03-01", None))
        self.documentLabel.setText(QCoreApplication.translate("QuotaForm", u"\u4f9d\u636e\u6587\u53f7(&N)\uff1a", None))
        self.documentEdit.setPlaceholderText(QCoreApplication.translate("QuotaForm", u"\u5fc5\u586b\uff0c\u6838\u5b9a\u8be5\u7f16\u5236\u7684\u6587\u4ef6\u6587\u53f7", None))
        self.reasonLabel.setText(QCoreApplication.translate("QuotaForm", u"\u4e8b\u7531(&R)\uff1a", None))
        self.reasonEdit.setText(QCoreApplication.translate("QuotaForm", u"\u521d\u59cb\u6838\u5b9a", None))
    # retranslateUi
