# Generated from ui/unit_form.ui by packaging/compile_ui.py — do not edit.
# Change the form in Qt Designer, then run: python packaging/compile_ui.py
################################################################################
## Form generated from reading UI file 'unit_form.ui'
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

class Ui_UnitForm(object):
    def setupUi(self, UnitForm):
        if not UnitForm.objectName():
            UnitForm.setObjectName(u"UnitForm")
        UnitForm.resize(760, 520)
        self.mainLayout = QVBoxLayout(UnitForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(UnitForm)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setHorizontalSpacing(10)
        self.formGrid.setVerticalSpacing(8)
        self.nameLabel = QLabel(UnitForm)
        self.nameLabel.setObjectName(u"nameLabel")
        self.nameLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(UnitForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMinimumSize(QSize(320, 0))
        self.nameEdit.setMaxLength(128)

        self.formGrid.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.nameMessage = QLabel(UnitForm)
        self.nameMessage.setObjectName(u"nameMessage")
        self.nameMessage.setMinimumSize(QSize(240, 0))
        self.nameMessage.setWordWrap(True)

        self.formGrid.addWidget(self.nameMessage, 0, 2, 1, 1)

        self.shortNameLabel = QLabel(UnitForm)
        self.shortNameLabel.setObjectName(u"shortNameLabel")
        self.shortNameLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.shortNameLabel, 1, 0, 1, 1)

        self.shortNameEdit = QLineEdit(UnitForm)
        self.shortNameEdit.setObjectName(u"shortNameEdit")
        self.shortNameEdit.setMaxLength(64)

        self.formGrid.addWidget(self.shortNameEdit, 1, 1, 1, 1)

        self.categoryLabel = QLabel(UnitForm)
        self.categoryLabel.setObjectName(u"categoryLabel")
        self.categoryLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.categoryLabel, 2, 0, 1, 1)

        self.categoryCombo = QComboBox(UnitForm)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.formGrid.addWidget(self.categoryCombo, 2, 1, 1, 1)

        self.rankLabel = QLabel(UnitForm)
        self.rankLabel.setObjectName(u"rankLabel")
        self.rankLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.rankLabel, 3, 0, 1, 1)

        self.rankCombo = QComboBox(UnitForm)
        self.rankCombo.setObjectName(u"rankCombo")

        self.formGrid.addWidget(self.rankCombo, 3, 1, 1, 1)

        self.systemLabel = QLabel(UnitForm)
        self.systemLabel.setObjectName(u"systemLabel")
        self.systemLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.systemLabel, 4, 0, 1, 1)

        self.systemCombo = QComboBox(UnitForm)
        self.systemCombo.setObjectName(u"systemCombo")

        self.formGrid.addWidget(self.systemCombo, 4, 1, 1, 1)

        self.fundingLabel = QLabel(UnitForm)
        self.fundingLabel.setObjectName(u"fundingLabel")
        self.fundingLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.fundingLabel, 5, 0, 1, 1)

        self.fundingCombo = QComboBox(UnitForm)
        self.fundingCombo.setObjectName(u"fundingCombo")

        self.formGrid.addWidget(self.fundingCombo, 5, 1, 1, 1)

        self.fundingMessage = QLabel(UnitForm)
        self.fundingMessage.setObjectName(u"fundingMessage")
        self.fundingMessage.setWordWrap(True)

        self.formGrid.addWidget(self.fundingMessage, 5, 2, 1, 1)

        self.supervisorLabel = QLabel(UnitForm)
        self.supervisorLabel.setObjectName(u"supervisorLabel")
        self.supervisorLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.supervisorLabel, 6, 0, 1, 1)

        self.supervisorCombo = QComboBox(UnitForm)
        self.supervisorCombo.setObjectName(u"supervisorCombo")
        self.supervisorCombo.setEditable(True)
        self.supervisorCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.formGrid.addWidget(self.supervisorCombo, 6, 1, 1, 1)

        self.supervisorMessage = QLabel(UnitForm)
        self.supervisorMessage.setObjectName(u"supervisorMessage")
        self.supervisorMessage.setWordWrap(True)

        self.formGrid.addWidget(self.supervisorMessage, 6, 2, 1, 1)

        self.creditCodeLabel = QLabel(UnitForm)
        self.creditCodeLabel.setObjectName(u"creditCodeLabel")
        self.creditCodeLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.creditCodeLabel, 7, 0, 1, 1)

        self.creditCodeEdit = QLineEdit(UnitForm)
        self.creditCodeEdit.setObjectName(u"creditCodeEdit")
        self.creditCodeEdit.setMaxLength(24)

        self.formGrid.addWidget(self.creditCodeEdit, 7, 1, 1, 1)

        self.creditCodeMessage = QLabel(UnitForm)
        self.creditCodeMessage.setObjectName(u"creditCodeMessage")
        self.creditCodeMessage.setWordWrap(True)

        self.formGrid.addWidget(self.creditCodeMessage, 7, 2, 1, 1)

        self.foundedLabel = QLabel(UnitForm)
        self.foundedLabel.setObjectName(u"foundedLabel")
        self.foundedLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.foundedLabel, 8, 0, 1, 1)

        self.foundedEdit = QLineEdit(UnitForm)
        self.foundedEdit.setObjectName(u"foundedEdit")

        self.formGrid.addWidget(self.foundedEdit, 8, 1, 1, 1)

        self.foundedMessage = QLabel(UnitForm)
        self.foundedMessage.setObjectName(u"foundedMessage")
        self.foundedMessage.setWordWrap(True)

        self.formGrid.addWidget(self.foundedMessage, 8, 2, 1, 1)

        self.positionLabel = QLabel(UnitForm)
        self.positionLabel.setObjectName(u"positionLabel")
        self.positionLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.formGrid.addWidget(self.positionLabel, 9, 0, 1, 1)

        self.positionSpin = QSpinBox(UnitForm)
        self.positionSpin.setObjectName(u"positionSpin")
        self.positionSpin.setMaximum(9999)

        self.formGrid.addWidget(self.positionSpin, 9, 1, 1, 1)


        self.mainLayout.addLayout(self.formGrid)

        self.structuralNote = QLabel(UnitForm)
        self.structuralNote.setObjectName(u"structuralNote")
        self.structuralNote.setWordWrap(True)

        self.mainLayout.addWidget(self.structuralNote)

        self.formError = QLabel(UnitForm)
        self.formError.setObjectName(u"formError")
        self.formError.setWordWrap(True)

        self.mainLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(UnitForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.shortNameLabel.setBuddy(self.shortNameEdit)
        self.categoryLabel.setBuddy(self.categoryCombo)
        self.rankLabel.setBuddy(self.rankCombo)
        self.systemLabel.setBuddy(self.systemCombo)
        self.fundingLabel.setBuddy(self.fundingCombo)
        self.supervisorLabel.setBuddy(self.supervisorCombo)
        self.creditCodeLabel.setBuddy(self.creditCodeEdit)
        self.foundedLabel.setBuddy(self.foundedEdit)
        self.positionLabel.setBuddy(self.positionSpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.shortNameEdit)
        QWidget.setTabOrder(self.shortNameEdit, self.categoryCombo)
        QWidget.setTabOrder(self.categoryCombo, self.rankCombo)
        QWidget.setTabOrder(self.rankCombo, self.systemCombo)
        QWidget.setTabOrder(self.systemCombo, self.fundingCombo)
        QWidget.setTabOrder(self.fundingCombo, self.supervisorCombo)
        QWidget.setTabOrder(self.supervisorCombo, self.creditCodeEdit)
        QWidget.setTabOrder(self.creditCodeEdit, self.foundedEdit)
        QWidget.setTabOrder(self.foundedEdit, self.positionSpin)

        self.retranslateUi(UnitForm)
        self.buttonBox.accepted.connect(UnitForm.accept)
        self.buttonBox.rejected.connect(UnitForm.reject)
    # setupUi

    def retranslateUi(self, UnitForm):
        UnitForm.setWindowTitle(QCoreApplication.translate("UnitForm", u"\u673a\u6784\u4fe1\u606f", None))
        self.introLabel.setText(QCoreApplication.translate("UnitForm", u"\u5e26\u201c\u5fc5\u586b\u201d\u7684\u9879\u76ee\u5fc5\u987b\u586b\u5199\uff1b\u4e8b\u4e1a\u5355\u4f4d\u987b\u9009\u62e9\u7ecf\u8d39\u5f62\u5f0f\u3002", None))
        self.nameLabel.setText(QCoreApplication.translate("UnitForm", u"\u673a\u6784\u540d\u79f0(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"\u5fc5\u586b\uff0c\u5982\uff1a\u4e91\u6eaa\u53bf\u6559\u80b2\u5c40", None))
        self.shortNameLabel.setText(QCoreApplication.translate("UnitForm", u"\u89c4\u8303\u7b80\u79f0(&S)\uff1a", None))
        self.shortNameEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"\u5982\uff1a\u53bf\u6559\u80b2\u5c40", None))
        self.categoryLabel.setText(QCoreApplication.translate("UnitForm", u"\u673a\u6784\u7c7b\u522b(&C)\uff1a", None))
        self.rankLabel.setText(QCoreApplication.translate("UnitForm", u"\u673a\u6784\u89c4\u683c(&R)\uff1a", None))
        self.systemLabel.setText(QCoreApplication.translate("UnitForm", u"\u6240\u5c5e\u7cfb\u7edf(&Y)\uff1a", None))
        self.fundingLabel.setText(QCoreApplication.translate("UnitForm", u"\u7ecf\u8d39\u5f62\u5f0f(&F)\uff1a", None))
        self.supervisorLabel.setText(QCoreApplication.translate("UnitForm", u"\u4e3b\u7ba1\u90e8\u95e8(&P)\uff1a", None))
        self.creditCodeLabel.setText(QCoreApplication.translate("UnitForm", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801(&D)\uff1a", None))
        self.creditCodeEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"18\u4f4d\uff0c\u53ef\u6682\u4e0d\u586b", None))
        self.foundedLabel.setText(QCoreApplication.translate("UnitForm", u"\u6210\u7acb\u65e5\u671f(&O)\uff1a", None))
        self.foundedEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"\u5982\uff1a2019-03-01\uff0c\u53ef\u6682\u4e0d\u586b", None))
        self.positionLabel.setText(QCoreApplication.translate("UnitForm", u"\u6392\u5e8f\u53f7(&X)\uff1a", None))
    # retranslateUi
