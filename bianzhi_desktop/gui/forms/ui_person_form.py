# Generated from ui/person_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'person_form.ui'
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

class Ui_PersonForm(object):
    def setupUi(self, PersonForm):
        if not PersonForm.objectName():
            PersonForm.setObjectName(u"PersonForm")
        PersonForm.resize(780, 480)
        self.mainLayout = QVBoxLayout(PersonForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(PersonForm)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.nameLabel = QLabel(PersonForm)
        self.nameLabel.setObjectName(u"nameLabel")
        self.nameLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(PersonForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMinimumSize(QSize(260, 0))
        self.nameEdit.setMaxLength(40)

        self.formGrid.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.nameMessage = QLabel(PersonForm)
        self.nameMessage.setObjectName(u"nameMessage")
        self.nameMessage.setMinimumSize(QSize(280, 0))
        self.nameMessage.setWordWrap(True)

        self.formGrid.addWidget(self.nameMessage, 0, 2, 1, 1)

        self.idNumberLabel = QLabel(PersonForm)
        self.idNumberLabel.setObjectName(u"idNumberLabel")
        self.idNumberLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.idNumberLabel, 1, 0, 1, 1)

        self.idNumberEdit = QLineEdit(PersonForm)
        self.idNumberEdit.setObjectName(u"idNumberEdit")
        self.idNumberEdit.setMaxLength(24)

        self.formGrid.addWidget(self.idNumberEdit, 1, 1, 1, 1)

        self.idNumberMessage = QLabel(PersonForm)
        self.idNumberMessage.setObjectName(u"idNumberMessage")
        self.idNumberMessage.setWordWrap(True)

        self.formGrid.addWidget(self.idNumberMessage, 1, 2, 1, 1)

        self.sexLabel = QLabel(PersonForm)
        self.sexLabel.setObjectName(u"sexLabel")
        self.sexLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.sexLabel, 2, 0, 1, 1)

        self.sexValue = QLabel(PersonForm)
        self.sexValue.setObjectName(u"sexValue")

        self.formGrid.addWidget(self.sexValue, 2, 1, 1, 1)

        self.birthLabel = QLabel(PersonForm)
        self.birthLabel.setObjectName(u"birthLabel")
        self.birthLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.birthLabel, 3, 0, 1, 1)

        self.birthValue = QLabel(PersonForm)
        self.birthValue.setObjectName(u"birthValue")

        self.formGrid.addWidget(self.birthValue, 3, 1, 1, 1)

        self.categoryLabel = QLabel(PersonForm)
        self.categoryLabel.setObjectName(u"categoryLabel")
        self.categoryLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.categoryLabel, 4, 0, 1, 1)

        self.categoryCombo = QComboBox(PersonForm)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.formGrid.addWidget(self.categoryCombo, 4, 1, 1, 1)

        self.categoryMessage = QLabel(PersonForm)
        self.categoryMessage.setObjectName(u"categoryMessage")
        self.categoryMessage.setWordWrap(True)

        self.formGrid.addWidget(self.categoryMessage, 4, 2, 1, 1)

        self.retirementLabel = QLabel(PersonForm)
        self.retirementLabel.setObjectName(u"retirementLabel")
        self.retirementLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.retirementLabel, 5, 0, 1, 1)

        self.retirementValue = QLabel(PersonForm)
        self.retirementValue.setObjectName(u"retirementValue")

        self.formGrid.addWidget(self.retirementValue, 5, 1, 1, 2)

        self.ethnicityLabel = QLabel(PersonForm)
        self.ethnicityLabel.setObjectName(u"ethnicityLabel")
        self.ethnicityLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.ethnicityLabel, 6, 0, 1, 1)

        self.ethnicityCombo = QComboBox(PersonForm)
        self.ethnicityCombo.setObjectName(u"ethnicityCombo")
        self.ethnicityCombo.setEditable(True)
        self.ethnicityCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.formGrid.addWidget(self.ethnicityCombo, 6, 1, 1, 1)

        self.educationLabel = QLabel(PersonForm)
        self.educationLabel.setObjectName(u"educationLabel")
        self.educationLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.educationLabel, 7, 0, 1, 1)

        self.educationCombo = QComboBox(PersonForm)
        self.educationCombo.setObjectName(u"educationCombo")

        self.formGrid.addWidget(self.educationCombo, 7, 1, 1, 1)

        self.politicalLabel = QLabel(PersonForm)
        self.politicalLabel.setObjectName(u"politicalLabel")
        self.politicalLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.politicalLabel, 8, 0, 1, 1)

        self.politicalCombo = QComboBox(PersonForm)
        self.politicalCombo.setObjectName(u"politicalCombo")

        self.formGrid.addWidget(self.politicalCombo, 8, 1, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.formError = QLabel(PersonForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(PersonForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.idNumberLabel.setBuddy(self.idNumberEdit)
        self.categoryLabel.setBuddy(self.categoryCombo)
        self.ethnicityLabel.setBuddy(self.ethnicityCombo)
        self.educationLabel.setBuddy(self.educationCombo)
        self.politicalLabel.setBuddy(self.politicalCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.idNumberEdit)
        QWidget.setTabOrder(self.idNumberEdit, self.categoryCombo)
        QWidget.setTabOrder(self.categoryCombo, self.ethnicityCombo)
        QWidget.setTabOrder(self.ethnicityCombo, self.educationCombo)
        QWidget.setTabOrder(self.educationCombo, self.politicalCombo)

        self.retranslateUi(PersonForm)
        self.buttonBox.accepted.connect(PersonForm.accept)
        self.buttonBox.rejected.connect(PersonForm.reject)
    # setupUi

    def retranslateUi(self, PersonForm):
        PersonForm.setWindowTitle(QCoreApplication.translate("PersonForm", u"\u4eba\u5458\u4fe1\u606f", None))
        self.introLabel.setText(QCoreApplication.translate("PersonForm", u"\u6027\u522b\u548c\u51fa\u751f\u65e5\u671f\u7531\u8eab\u4efd\u8bc1\u53f7\u5f97\u51fa\uff1b\u5973\u6027\u987b\u9009\u62e9\u539f\u6cd5\u5b9a\u9000\u4f11\u5e74\u9f84\u7c7b\u522b\u3002", None))
        self.nameLabel.setText(QCoreApplication.translate("PersonForm", u"\u59d3\u540d(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PersonForm", u"\u5fc5\u586b", None))
        self.idNumberLabel.setText(QCoreApplication.translate("PersonForm", u"\u8eab\u4efd\u8bc1\u53f7(&I)\uff1a", None))
        self.idNumberEdit.setPlaceholderText(QCoreApplication.translate("PersonForm", u"\u5fc5\u586b\uff0c18\u4f4d\uff08\u65e715\u4f4d\u53f7\u7801\u4e5f\u53ef\uff09", None))
        self.sexLabel.setText(QCoreApplication.translate("PersonForm", u"\u6027\u522b\uff1a", None))
        self.sexValue.setText(QCoreApplication.translate("PersonForm", u"\u2014", None))
        self.birthLabel.setText(QCoreApplication.translate("PersonForm", u"\u51fa\u751f\u65e5\u671f\uff1a", None))
        self.birthValue.setText(QCoreApplication.translate("PersonForm", u"\u2014", None))
        self.categoryLabel.setText(QCoreApplication.translate("PersonForm", u"\u9000\u4f11\u7c7b\u522b(&R)\uff1a", None))
        self.retirementLabel.setText(QCoreApplication.translate("PersonForm", u"\u6cd5\u5b9a\u9000\u4f11\u65e5\u671f\uff1a", None))
        self.retirementValue.setText(QCoreApplication.translate("PersonForm", u"\u2014", None))
        self.ethnicityLabel.setText(QCoreApplication.translate("PersonForm", u"\u6c11\u65cf(&E)\uff1a", None))
        self.educationLabel.setText(QCoreApplication.translate("PersonForm", u"\u5b66\u5386(&U)\uff1a", None))
        self.politicalLabel.setText(QCoreApplication.translate("PersonForm", u"\u653f\u6cbb\u9762\u8c8c(&P)\uff1a", None))
    # retranslateUi
