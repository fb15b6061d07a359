# Generated from ui/leader_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'leader_form.ui'
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

class Ui_LeaderForm(object):
    def setupUi(self, LeaderForm):
        if not LeaderForm.objectName():
            LeaderForm.setObjectName(u"LeaderForm")
        LeaderForm.resize(760, 400)
        self.mainLayout = QVBoxLayout(LeaderForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.unitValue = QLabel(LeaderForm)
        self.unitValue.setObjectName(u"unitValue")
        self.unitValue.setWordWrap(True)

        self.mainLayout.addWidget(self.unitValue)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.tierLabel = QLabel(LeaderForm)
        self.tierLabel.setObjectName(u"tierLabel")
        self.tierLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.tierLabel, 0, 0, 1, 1)

        self.tierCombo = QComboBox(LeaderForm)
        self.tierCombo.setObjectName(u"tierCombo")
        self.tierCombo.setMinimumSize(QSize(260, 0))

        self.formGrid.addWidget(self.tierCombo, 0, 1, 1, 1)

        self.tierMessage = QLabel(LeaderForm)
        self.tierMessage.setObjectName(u"tierMessage")
        self.tierMessage.setMinimumSize(QSize(280, 0))
        self.tierMessage.setWordWrap(True)

        self.formGrid.addWidget(self.tierMessage, 0, 2, 1, 1)

        self.rankLabel = QLabel(LeaderForm)
        self.rankLabel.setObjectName(u"rankLabel")
        self.rankLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.rankLabel, 1, 0, 1, 1)

        self.rankCombo = QComboBox(LeaderForm)
        self.rankCombo.setObjectName(u"rankCombo")

        self.formGrid.addWidget(self.rankCombo, 1, 1, 1, 1)

        self.amountLabel = QLabel(LeaderForm)
        self.amountLabel.setObjectName(u"amountLabel")
        self.amountLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.amountLabel, 2, 0, 1, 1)

        self.amountSpin = QSpinBox(LeaderForm)
        self.amountSpin.setObjectName(u"amountSpin")
        self.amountSpin.setMinimum(-99)
        self.amountSpin.setMaximum(99)

        self.formGrid.addWidget(self.amountSpin, 2, 1, 1, 1)

        self.amountMessage = QLabel(LeaderForm)
        self.amountMessage.setObjectName(u"amountMessage")
        self.amountMessage.setWordWrap(True)

        self.formGrid.addWidget(self.amountMessage, 2, 2, 1, 1)

        self.effectiveLabel = QLabel(LeaderForm)
        self.effectiveLabel.setObjectName(u"effectiveLabel")
        self.effectiveLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.effectiveLabel, 3, 0, 1, 1)

        self.effectiveEdit = QLineEdit(LeaderForm)
        self.effectiveEdit.setObjectName(u"effectiveEdit")

        self.formGrid.addWidget(self.effectiveEdit, 3, 1, 1, 1)

        self.effectiveMessage = QLabel(LeaderForm)
        self.effectiveMessage.setObjectName(u"effectiveMessage")
        self.effectiveMessage.setWordWrap(True)

        self.formGrid.addWidget(self.effectiveMessage, 3, 2, 1, 1)

        self.documentLabel = QLabel(LeaderForm)
        self.documentLabel.setObjectName(u"documentLabel")
        self.documentLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.documentLabel, 4, 0, 1, 1)

        self.documentEdit = QLineEdit(LeaderForm)
        self.documentEdit.setObjectName(u"documentEdit")
        self.documentEdit.setMaxLength(128)

        self.formGrid.addWidget(self.documentEdit, 4, 1, 1, 1)

        self.documentMessage = QLabel(LeaderForm)
        self.documentMessage.setObjectName(u"documentMessage")
        self.documentMessage.setWordWrap(True)

        self.formGrid.addWidget(self.documentMessage, 4, 2, 1, 1)

        self.reasonLabel = QLabel(LeaderForm)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.reasonLabel, 5, 0, 1, 1)

        self.reasonEdit = QLineEdit(LeaderForm)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(256)

        self.formGrid.addWidget(self.reasonEdit, 5, 1, 1, 1)

        self.reasonMessage = QLabel(LeaderForm)
        self.reasonMessage.setObjectName(u"reasonMessage")
        self.reasonMessage.setWordWrap(True)

        self.formGrid.addWidget(self.reasonMessage, 5, 2, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(LeaderForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(LeaderForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.tierLabel.setBuddy(self.tierCombo)
        self.rankLabel.setBuddy(self.rankCombo)
        self.amountLabel.setBuddy(self.amountSpin)
        self.effectiveLabel.setBuddy(self.effectiveEdit)
        self.documentLabel.setBuddy(self.documentEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tierCombo, self.rankCombo)
        QWidget.setTabOrder(self.rankCombo, self.amountSpin)
        QWidget.setTabOrder(self.amountSpin, self.effectiveEdit)
        QWidget.setTabOrder(self.effectiveEdit, self.documentEdit)
        QWidget.setTabOrder(self.documentEdit, self.reasonEdit)

        self.retranslateUi(LeaderForm)
        self.buttonBox.accepted.connect(LeaderForm.accept)
        self.buttonBox.rejected.connect(LeaderForm.reject)
    # setupUi

    def retranslateUi(self, LeaderForm):
        LeaderForm.setWindowTitle(QCoreApplication.translate("LeaderForm", u"\u5f55\u5165\u9886\u5bfc\u804c\u6570", None))
        self.tierLabel.setText(QCoreApplication.translate("LeaderForm", u"\u804c\u6570\u5c42\u7ea7(&T)\uff1a", None))
        self.rankLabel.setText(QCoreApplication.translate("LeaderForm", u"\u804c\u7ea7(&R)\uff1a", None))
        self.amountLabel.setText(QCoreApplication.translate("LeaderForm", u"\u804c\u6570\u53d8\u52a8(&A)\uff1a", None))
        self.amountSpin.setSuffix(QCoreApplication.translate("LeaderForm", u" \u540d", None))
        self.effectiveLabel.setText(QCoreApplication.translate("LeaderForm", u"\u751f\u6548\u65e5\u671f(&E)\uff1a", None))
        self.effectiveEdit.setPlaceholderText(QCoreApplication.translate("LeaderForm", u"\u5fc5\u586b\uff0c\u5982\uff1a2019-03-01", None))
        self.documentLabel.setText(QCoreApplication.translate("LeaderForm", u"\u4f9d\u636e\u6587\u53f7(&N)\uff1a", None))
        self.documentEdit.setPlaceholderText(QCoreApplication.translate("LeaderForm", u"\u5fc5\u586b\uff0c\u6838\u5b9a\u804c\u6570\u7684\u6587\u4ef6\u6587\u53f7", None))
        self.reasonLabel.setText(QCoreApplication.translate("LeaderForm", u"\u4e8b\u7531(&S)\uff1a", None))
        self.reasonEdit.setText(QCoreApplication.translate("LeaderForm", u"\u521d\u59cb\u6838\u5b9a", None))
    # retranslateUi
