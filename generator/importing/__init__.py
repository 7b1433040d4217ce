"""``import``: a notice or report in DOCX read back into a meeting record."""
