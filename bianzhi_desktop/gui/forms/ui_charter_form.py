# Generated from ui/charter_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'charter_form.ui'
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
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_CharterForm(object):
    def setupUi(self, CharterForm):
        if not CharterForm.objectName():
            CharterForm.setObjectName(u"CharterForm")
        CharterForm.resize(780, 560)
        self.mainLayout = QVBoxLayout(CharterForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.versionValue = QLabel(CharterForm)
        self.versionValue.setObjectName(u"versionValue")
        self.versionValue.setWordWrap(True)

        self.mainLayout.addWidget(self.versionValue)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.documentLabel = QLabel(CharterForm)
        self.documentLabel.setObjectName(u"documentLabel")
        self.documentLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.documentLabel, 0, 0, 1, 1)

        self.documentEdit = QLineEdit(CharterForm)
        self.documentEdit.setObjectName(u"documentEdit")
        self.documentEdit.setMinimumSize(QSize(300, 0))
        self.documentEdit.setMaxLength(128)

        self.formGrid.addWidget(self.documentEdit, 0, 1, 1, 1)

        self.documentMessage = QLabel(CharterForm)
        self.documentMessage.setObjectName(u"documentMessage")
        self.documentMessage.setMinimumSize(QSize(240, 0))
        self.documentMessage.setWordWrap(True)

        self.formGrid.addWidget(self.documentMessage, 0, 2, 1, 1)

        self.titleLabel = QLabel(CharterForm)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.titleLabel, 1, 0, 1, 1)

        self.titleEdit = QLineEdit(CharterForm)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(256)

        self.formGrid.addWidget(self.titleEdit, 1, 1, 1, 2)

        self.effectiveLabel = QLabel(CharterForm)
        self.effectiveLabel.setObjectName(u"effectiveLabel")
        self.effectiveLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.effectiveLabel, 2, 0, 1, 1)

        self.effectiveEdit = QLineEdit(CharterForm)
        self.effectiveEdit.setObjectName(u"effectiveEdit")

        self.formGrid.addWidget(self.effectiveEdit, 2, 1, 1, 1)

        self.effectiveMessage = QLabel(CharterForm)
        self.effectiveMessage.setObjectName(u"effectiveMessage")
        self.effectiveMessage.setWordWrap(True)

        self.formGrid.addWidget(self.effectiveMessage, 2, 2, 1, 1)

        self.summaryLabel = QLabel(CharterForm)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.summaryLabel, 3, 0, 1, 1)

        self.summaryEdit = QLineEdit(CharterForm)
        self.summaryEdit.setObjectName(u"summaryEdit")

        self.formGrid.addWidget(self.summaryEdit, 3, 1, 1, 2)

        self.dutiesLabel = QLabel(CharterForm)
        self.dutiesLabel.setObjectName(u"dutiesLabel")
        self.dutiesLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)

        self.formGrid.addWidget(self.dutiesLabel, 4, 0, 1, 1)

        self.dutiesEdit = QPlainTextEdit(CharterForm)
        self.dutiesEdit.setObjectName(u"dutiesEdit")
        self.dutiesEdit.setTabChangesFocus(True)

        self.formGrid.addWidget(self.dutiesEdit, 4, 1, 1, 2)

        self.dutiesMessage = QLabel(CharterForm)
        self.dutiesMessage.setObjectName(u"dutiesMessage")
        self.dutiesMessage.setWordWrap(True)

        self.formGrid.addWidget(self.dutiesMessage, 5, 1, 1, 2)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(CharterForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(CharterForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.documentLabel.setBuddy(self.documentEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.effectiveLabel.setBuddy(self.effectiveEdit)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.dutiesLabel.setBuddy(self.dutiesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.documentEdit, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.effectiveEdit)
        QWidget.setTabOrder(self.effectiveEdit, self.summaryEdit)
        QWidget.setTabOrder(self.summaryEdit, self.dutiesEdit)

        self.retranslateUi(CharterForm)
        self.buttonBox.accepted.connect(CharterForm.accept)
        self.buttonBox.rejected.connect(CharterForm.reject)
    # setupUi

    def retranslateUi(self, CharterForm):
        CharterForm.setWindowTitle(QCoreApplication.translate("CharterForm", u"\u767b\u8bb0\u4e09\u5b9a\u89c4\u5b9a", None))
        self.documentLabel.setText(QCoreApplication.translate("CharterForm", u"\u6587\u53f7(&N)\uff1a", None))
        self.documentEdit.setPlaceholderText(QCoreApplication.translate("CharterForm", u"\u5fc5\u586b\uff0c\u5982\uff1a\u4e91\u7f16\u53d1\u30142019\u301515\u53f7", None))
        self.titleLabel.setText(QCoreApplication.translate("CharterForm", u"\u6587\u4ef6\u6807\u9898(&T)\uff1a", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("CharterForm", u"\u5982\uff1a\u4e91\u6eaa\u53bf\u6559\u80b2\u5c40\u804c\u80fd\u914d\u7f6e\u3001\u5185\u8bbe\u673a\u6784\u548c\u4eba\u5458\u7f16\u5236\u89c4\u5b9a", None))
        self.effectiveLabel.setText(QCoreApplication.translate("CharterForm", u"\u65bd\u884c\u65e5\u671f(&E)\uff1a", None))
        self.effectiveEdit.setPlaceholderText(QCoreApplication.translate("CharterForm", u"\u5fc5\u586b\uff0c\u5982\uff1a2019-03-01", None))
        self.summaryLabel.setText(QCoreApplication.translate("CharterForm", u"\u6458\u8981(&S)\uff1a", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("CharterForm", u"\u53ef\u6682\u4e0d\u586b", None))
        self.dutiesLabel.setText(QCoreApplication.translate("CharterForm", u"\u4e3b\u8981\u804c\u8d23(&D)\uff1a", None))
        self.dutiesEdit.setPlaceholderText(QCoreApplication.translate("CharterForm", u"\u6bcf\u884c\u4e00\u9879\u804c\u8d23\uff0c\u81f3\u5c11\u4e00\u9879", None))
    # retranslateUi
