"""Generated paperwork and workbooks: PDF (reportlab) and Excel (openpyxl, python-calamine).

Renders from plain values (domain types and dataclasses); no database, no Qt.
"""
