"""The reader stage: a Word document (DOCX) read back into a model of its paragraphs,
each with its text and the formatting Word shows, for ``check`` and ``import``."""
