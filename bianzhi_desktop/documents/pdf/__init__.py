"""PDF paperwork (reportlab): decision (批复, GB/T 9704-2012), the three-part notices, the unit sheet and
the public posting. Plain functions: frozen input dataclasses in, a file or bytes out; no Qt, no database.
"""
