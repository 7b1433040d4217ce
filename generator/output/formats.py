"""The formats giaoban writes (a module of its own so the command line can name them
without loading the renderers)."""

FORMATS = ("docx", "pdf")
