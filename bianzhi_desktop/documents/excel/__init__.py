"""Excel in and out: reading workbooks (python-calamine), the error report and exports (openpyxl).

Plain functions, data in, file out; no Qt, no SQLAlchemy.
"""
