"""The names templates, the print stylesheet and the DOCX writer share.

A template marks each paragraph with a component class; the format profile
styles every component; the PDF's stylesheet and the DOCX's Word styles are
both generated from those styles. ``docs/html-subset.md`` documents this set
(a test keeps the two in step).
"""

from __future__ import annotations

#: Classes every template may use; each profile must style all of them.
COMPONENTS = (
    "parent-body",
    "issuing-body",
    "issuing-mark",
    "doc-number",
    "place-date",
    "doc-type",
    "doc-summary",
    "body",
    "section",
    "subsection",
    "point",
    "recipients-label",
    "recipient",
    "sig-authority",
    "sig-title",
    "sig-name",
    "page-number",
    "table-head",
    "table-cell",
    "figure",
    "caption",
    "appendix-title",
    "appendix-subtitle",
)

#: The typed mark under the summary line ("-----"): styled by the profiles that have one.
SUMMARY_MARK = "summary-mark"

#: The first paragraph of an appendix: where its own page numbering starts, if any.
APPENDIX_TITLE = "appendix-title"

#: The national header's lines take the classes ``national-1``, ``national-2``, …
NATIONAL_PREFIX = "national-"

#: Elements without a class take the style of these components.
TAG_DEFAULTS = {
    "p": "body",
    "h2": "section",
    "h3": "subsection",
    "h4": "point",
    "th": "table-head",
    "td": "table-cell",
}

#: Components that are headings, with their outline level (0 is the top): Word's
#: Navigation pane and the PDF's bookmarks show the document's sections by them.
OUTLINE_LEVELS = {"section": 0, "subsection": 1, "point": 2, "appendix-title": 0}

#: The paragraph that draws a rule under a component (a style of its own in the DOCX).
RULE = "rule"

#: Tables that lay the page out (no borders, widths from the profile), not data tables.
HEADER_TABLE = "doc-header"
CLOSING_TABLE = "doc-closing"
LAYOUT_TABLES = (HEADER_TABLE, CLOSING_TABLE)

#: A class any paragraph may add: keep it on the page of what follows (the closing
#: sentence stays with the recipients and signature; never a signature alone).
KEEP_WITH_NEXT = "keep-with-next"

#: A class a heading or paragraph may add: it starts a new page (each section of a long
#: digest). The PDF of a document with such breaks is laid out in parts, cut there
#: (``output.pdf_parts``).
NEW_PAGE = "new-page"

#: Space above and below a data table, in points (both writers; CSS margins collapse
#: with the paragraphs' own spacing, and the DOCX mirrors that).
DATA_TABLE_MARGIN_PT = 6.0

#: A class for the first line of the signature block when it is not the authority line
#: (a signer in no one's name): it stands level with "Nơi nhận:", taking the space above
#: the recipients' label.
LEVEL_WITH_RECIPIENTS = "level-with-recipients"

#: Elements that make a paragraph of their own, and those that stay inside one.
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6")
INLINE_TAGS = ("br", "strong", "b", "em", "i", "u", "span", "sup", "sub", "img")
