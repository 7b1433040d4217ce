"""DOCX and PDF come from one HTML, so they carry the same text in the same order."""

from __future__ import annotations

import pytest

from conftest import Rendered
from readback import docx_words, pdf_words


@pytest.mark.parametrize("doc", ["tb", "bc"])
def test_docx_and_pdf_have_the_same_words_in_the_same_order(rendered: Rendered, doc: str) -> None:
    from_docx = docx_words(rendered.files[f"{doc}.docx"])
    from_pdf = pdf_words(rendered.files[f"{doc}.pdf"])
    assert len(from_docx) > 300
    assert from_docx == from_pdf
