"""Turning a document into files: the Jinja templates to HTML, then one writer per
format (PDF with WeasyPrint, DOCX with python-docx), styled from the format profile."""
