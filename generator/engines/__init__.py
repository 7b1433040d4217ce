"""Renderers from the documents' HTML to the output formats."""
