"""Python modules generated from the Qt Designer files in ui/ — do not edit.

Regenerate with `python packaging/compile_ui.py`; the dialogs in gui/dialogs use them by composition
(`self.ui = Ui_X(); self.ui.setupUi(self)`).
"""
