"""Document properties written into both the PDF and the DOCX.

Given to the writers explicitly, beside the HTML, and to the template for
the HTML's head: one value for both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    created: dt.datetime
    language: str = "vi"
