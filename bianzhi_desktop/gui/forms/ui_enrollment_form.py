# Generated from ui/enrollment_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'enrollment_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_EnrollmentForm(object):
    def setupUi(self, EnrollmentForm):
        if not EnrollmentForm.objectName():
            EnrollmentForm.setObjectName(u"EnrollmentForm")
        EnrollmentForm.resize(820, 520)
        self.mainLayout = QVBoxLayout(EnrollmentForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(EnrollmentForm)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.personLabel = QLabel(EnrollmentForm)
        self.personLabel.setObjectName(u"personLabel")
        self.personLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.personLabel, 0, 0, 1, 1)

        self.personEdit = QLineEdit(EnrollmentForm)
        self.personEdit.setObjectName(u"personEdit")
        self.personEdit.setMinimumSize(QSize(300, 0))
        self.personEdit.setMaxLength(24)

        self.formGrid.addWidget(self.personEdit, 0, 1, 1, 1)

        self.personMessage = QLabel(EnrollmentForm)
        self.personMessage.setObjectName(u"personMessage")
        self.personMessage.setMinimumSize(QSize(280, 0))
        self.personMessage.setWordWrap(True)

        self.formGrid.addWidget(self.personMessage, 0, 2, 1, 1)

        self.unitLabel = QLabel(EnrollmentForm)
        self.unitLabel.setObjectName(u"unitLabel")
        self.unitLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.unitLabel, 1, 0, 1, 1)

        self.unitCombo = QComboBox(EnrollmentForm)
        self.unitCombo.setObjectName(u"unitCombo")
        self.unitCombo.setEditable(True)
        self.unitCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.formGrid.addWidget(self.unitCombo, 1, 1, 1, 1)

        self.unitMessage = QLabel(EnrollmentForm)
        self.unitMessage.setObjectName(u"unitMessage")
        self.unitMessage.setWordWrap(True)

        self.formGrid.addWidget(self.unitMessage, 1, 2, 1, 1)

        self.divisionLabel = QLabel(EnrollmentForm)
        self.divisionLabel.setObjectName(u"divisionLabel")
        self.divisionLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.divisionLabel, 2, 0, 1, 1)

        self.divisionCombo = QComboBox(EnrollmentForm)
        self.divisionCombo.setObjectName(u"divisionCombo")

        self.formGrid.addWidget(self.divisionCombo, 2, 1, 1, 1)

        self.kindLabel = QLabel(EnrollmentForm)
        self.kindLabel.setObjectName(u"kindLabel")
        self.kindLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.kindLabel, 3, 0, 1, 1)

        self.kindCombo = QComboBox(EnrollmentForm)
        self.kindCombo.setObjectName(u"kindCombo")

        self.formGrid.addWidget(self.kindCombo, 3, 1, 1, 1)

        self.kindMessage = QLabel(EnrollmentForm)
        self.kindMessage.setObjectName(u"kindMessage")
        self.kindMessage.setWordWrap(True)

        self.formGrid.addWidget(self.kindMessage, 3, 2, 1, 1)

        self.postLabel = QLabel(EnrollmentForm)
        self.postLabel.setObjectName(u"postLabel")
        self.postLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.postLabel, 4, 0, 1, 1)

        self.postEdit = QLineEdit(EnrollmentForm)
        self.postEdit.setObjectName(u"postEdit")
        self.postEdit.setMaxLength(64)

        self.formGrid.addWidget(self.postEdit, 4, 1, 1, 1)

        self.leaderCheck = QCheckBox(EnrollmentForm)
        self.leaderCheck.setObjectName(u"leaderCheck")

        self.formGrid.addWidget(self.leaderCheck, 5, 1, 1, 2)

        self.tierLabel = QLabel(EnrollmentForm)
        self.tierLabel.setObjectName(u"tierLabel")
        self.tierLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.tierLabel, 6, 0, 1, 1)

        self.tierCombo = QComboBox(EnrollmentForm)
        self.tierCombo.setObjectName(u"tierCombo")

        self.formGrid.addWidget(self.tierCombo, 6, 1, 1, 1)

        self.countsCheck = QCheckBox(EnrollmentForm)
        self.countsCheck.setObjectName(u"countsCheck")
        self.countsCheck.setChecked(True)

        self.formGrid.addWidget(self.countsCheck, 6, 2, 1, 1)

        self.rankLabel = QLabel(EnrollmentForm)
        self.rankLabel.setObjectName(u"rankLabel")
        self.rankLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.rankLabel, 7, 0, 1, 1)

        self.rankCombo = QComboBox(EnrollmentForm)
        self.rankCombo.setObjectName(u"rankCombo")

        self.formGrid.addWidget(self.rankCombo, 7, 1, 1, 1)

        self.startLabel = QLabel(EnrollmentForm)
        self.startLabel.setObjectName(u"startLabel")
        self.startLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.startLabel, 8, 0, 1, 1)

        self.startEdit = QLineEdit(EnrollmentForm)
        self.startEdit.setObjectName(u"startEdit")

        self.formGrid.addWidget(self.startEdit, 8, 1, 1, 1)

        self.startMessage = QLabel(EnrollmentForm)
        self.startMessage.setObjectName(u"startMessage")
        self.startMessage.setWordWrap(True)

        self.formGrid.addWidget(self.startMessage, 8, 2, 1, 1)

        self.documentLabel = QLabel(EnrollmentForm)
        self.documentLabel.setObjectName(u"documentLabel")
        self.documentLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.documentLabel, 9, 0, 1, 1)

        self.documentEdit = QLineEdit(EnrollmentForm)
        self.documentEdit.setObjectName(u"documentEdit")
        self.documentEdit.setMaxLength(128)

        self.formGrid.addWidget(self.documentEdit, 9, 1, 1, 1)

        self.documentMessage = QLabel(EnrollmentForm)
        self.documentMessage.setObjectName(u"documentMessage")
        self.documentMessage.setWordWrap(True)

        self.formGrid.addWidget(self.documentMessage, 9, 2, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(EnrollmentForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(EnrollmentForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.personLabel.setBuddy(self.personEdit)
        self.unitLabel.setBuddy(self.unitCombo)
        self.divisionLabel.setBuddy(self.divisionCombo)
        self.kindLabel.setBuddy(self.kindCombo)
        self.postLabel.setBuddy(self.postEdit)
        self.tierLabel.setBuddy(self.tierCombo)
        self.rankLabel.setBuddy(self.rankCombo)
        self.startLabel.setBuddy(self.startEdit)
        self.documentLabel.setBuddy(self.documentEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.personEdit, self.unitCombo)
        QWidget.setTabOrder(self.unitCombo, self.divisionCombo)
        QWidget.setTabOrder(self.divisionCombo, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.postEdit)
        QWidget.setTabOrder(self.postEdit, self.leaderCheck)
        QWidget.setTabOrder(self.leaderCheck, self.tierCombo)
        QWidget.setTabOrder(self.tierCombo, self.countsCheck)
        QWidget.setTabOrder(self.countsCheck, self.rankCombo)
        QWidget.setTabOrder(self.rankCombo, self.startEdit)
        QWidget.setTabOrder(self.startEdit, self.documentEdit)

        self.retranslateUi(EnrollmentForm)
        self.buttonBox.accepted.connect(EnrollmentForm.accept)
        self.buttonBox.rejected.connect(EnrollmentForm.reject)
    # setupUi

    def retranslateUi(self, EnrollmentForm):
        EnrollmentForm.setWindowTitle(QCoreApplication.translate("EnrollmentForm", u"\u5165\u7f16\u767b\u8bb0", None))
        self.introLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u767b\u8bb0\u73b0\u6709\u5728\u7f16\u4eba\u5458\uff1a\u5148\u7528\u8eab\u4efd\u8bc1\u53f7\u627e\u5230\u5df2\u767b\u8bb0\u7684\u4eba\u5458\uff0c\u518d\u9009\u62e9\u5355\u4f4d\u3001\u7f16\u5236\u7c7b\u578b\u5e76\u586b\u5199\u5165\u7f16\u4f9d\u636e\u3002", None))
        self.personLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u8eab\u4efd\u8bc1\u53f7(&I)\uff1a", None))
        self.personEdit.setPlaceholderText(QCoreApplication.translate("EnrollmentForm", u"\u5fc5\u586b\uff0c\u5df2\u767b\u8bb0\u4eba\u5458\u7684\u8eab\u4efd\u8bc1\u53f7", None))
        self.unitLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u5355\u4f4d(&U)\uff1a", None))
        self.divisionLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u5185\u8bbe\u673a\u6784(&D)\uff1a", None))
        self.kindLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u7f16\u5236\u7c7b\u578b(&K)\uff1a", None))
        self.postLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u5c97\u4f4d/\u804c\u52a1(&P)\uff1a", None))
        self.postEdit.setPlaceholderText(QCoreApplication.translate("EnrollmentForm", u"\u5982\uff1a\u79d1\u5458\u3001\u4e13\u4efb\u6559\u5e08\u3001\u526f\u5c40\u957f", None))
        self.leaderCheck.setText(QCoreApplication.translate("EnrollmentForm", u"\u62c5\u4efb\u9886\u5bfc\u804c\u52a1(&L)", None))
        self.tierLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u9886\u5bfc\u804c\u52a1\u5c42\u7ea7(&T)\uff1a", None))
        self.countsCheck.setText(QCoreApplication.translate("EnrollmentForm", u"\u5360\u9886\u5bfc\u804c\u6570(&C)", None))
        self.rankLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u804c\u7ea7(&R)\uff1a", None))
        self.startLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u5165\u7f16\u65f6\u95f4(&S)\uff1a", None))
        self.startEdit.setPlaceholderText(QCoreApplication.translate("EnrollmentForm", u"\u5fc5\u586b\uff0c\u5982\uff1a2015-09-01", None))
        self.documentLabel.setText(QCoreApplication.translate("EnrollmentForm", u"\u5165\u7f16\u6587\u53f7(&N)\uff1a", None))
        self.documentEdit.setPlaceholderText(QCoreApplication.translate("EnrollmentForm", u"\u5fc5\u586b\uff0c\u5165\u7f16\u901a\u77e5\u5355\u6216\u6279\u590d\u7684\u6587\u53f7", None))
    # retranslateUi
