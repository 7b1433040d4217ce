"""The dates a record, an option or a build stamp may hold.

A typo in a year ("2204", "0024") is caught at its line, and every date fits
the formats documents and their files are written in (a DOCX package cannot
date its entries after 2107). A module of its own, free of the models, so the
command line checks its date options without loading them.
"""

from __future__ import annotations

import datetime as dt

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
