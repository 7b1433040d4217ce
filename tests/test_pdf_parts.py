"""A long digest's PDF laid out in parts and joined is the PDF of one pass: the same words
on the same pages, the same page numbers where they were, the same outline, metadata and
page images; the same bytes whatever runs the parts; a part that fails writes nothing."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader
from synthetic import write_records

from generator import Renderer
from generator.api import digest
from generator.errors import TemplateError
from generator.output import pdf_parts
from generator.output.formats import Document
from generator.output.pdf_parts import Numbering, numbers_of, split

from conftest import SETTINGS, write_yaml
from readback import page_number_lines, pdf_pages

#: Enough meetings for the digest to start each section on a new page (config/documents.yaml).
MEETINGS = 40


@dataclass(frozen=True)
class Pair:
    profile: str
    folder: Path
    single: Path
    joined: Path


def _records(folder: Path) -> Path:
    write_yaml(folder / "giaoban.yaml", SETTINGS)
    write_records(folder / "records", MEETINGS, dt.date(2024, 7, 1), 91, seed=7)
    return folder / "records"


@pytest.fixture(scope="module", params=["hd05", "nd30"])
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         renderer: Renderer) -> Pair:  # fmt: skip
    folder = tmp_path_factory.mktemp(f"parts-{request.param}")
    records = _records(folder)
    made = {}
    for name, parts in (("single", 1), ("joined", None)):
        result = digest([records], period="2024-Q3", profile=request.param, formats=("pdf",),
                        out=folder / name, renderer=renderer, parts=parts, jobs=2)  # fmt: skip
        made[name] = result.outputs[0].path
    return Pair(request.param, folder, made["single"], made["joined"])


def _outline(path: Path) -> list[tuple[int, str, int, float, float]]:
    reader = PdfReader(path)
    found: list[tuple[int, str, int, float, float]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)  # type: ignore[arg-type]
                found.append((depth, item.title, page, float(item.left), float(item.top)))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    return found


def test_the_digest_is_cut_into_parts(pair: Pair) -> None:
    # Sections II… and the appendix each start a page: more than two parts were laid out.
    pages = pdf_pages(pair.joined)
    starts = [i for i, text in enumerate(pages) for line in text.splitlines()[:2]
              if line.strip()[:3] in ("II.", "III", "IV.", "V. ")]  # fmt: skip
    assert len(starts) >= 3
    for index in starts:  # each section heads its page: nothing above it but the number
        first = [line for line in pages[index].splitlines() if line.strip()]
        assert first[0].strip().isdigit() or first[0].strip()[:3] in ("II.", "III", "IV.", "V. ")


def test_the_same_words_on_the_same_pages(pair: Pair) -> None:
    single, joined = pdf_pages(pair.single), pdf_pages(pair.joined)
    assert len(single) == len(joined) > 20
    for number, (one, other) in enumerate(zip(single, joined, strict=True), start=1):
        # The number drawn after the page's own text, as WeasyPrint draws margin boxes.
        assert one == other, f"page {number}"


def test_the_page_numbers_stand_where_they_stood(pair: Pair) -> None:
    shown = page_number_lines(pair.joined)
    assert shown == page_number_lines(pair.single)
    assert shown[0] is None and shown[1] == "2"
    if pair.profile == "hd05":  # the appendix numbered on its own: its first page shows none
        appendix = shown.index(None, 1)
        assert shown[appendix + 1] == "2"
    else:
        assert shown[1:] == [str(n) for n in range(2, len(shown) + 1)]


def test_outline_and_metadata_are_those_of_one_pass(pair: Pair) -> None:
    outline = _outline(pair.joined)
    assert outline == _outline(pair.single)
    # The sections under the title, the months under their section, whichever part each is in.
    depths = {title.split(".")[0]: depth for depth, title, *_ in outline}
    assert depths["II"] == depths["V"] == 1
    assert [d for d, title, *_ in outline if "Nhiệm vụ giao trong tháng" in title] == [2, 2, 2]
    single, joined = PdfReader(pair.single), PdfReader(pair.joined)
    assert joined.metadata == single.metadata
    assert joined.root_object["/Lang"] == single.root_object["/Lang"]
    # The signature fields that sign fills are where the signature block fell.
    fields = joined.get_fields() or {}
    assert set(fields) == set(single.get_fields() or {}) == {"ChuKyNguoiKy", "ChuKyCoQuan"}


def test_the_pages_look_the_same(pair: Pair) -> None:
    """Every page rasterised at 50 dpi: identical pixels (the number is drawn by the
    same face at the same place; only its font object differs)."""
    single, joined = pypdfium2.PdfDocument(pair.single), pypdfium2.PdfDocument(pair.joined)
    try:
        for index in range(len(single)):
            one = single[index].render(scale=50 / 72).to_pil().tobytes()
            other = joined[index].render(scale=50 / 72).to_pil().tobytes()
            assert one == other, f"page {index + 1}"
    finally:
        single.close()
        joined.close()


def test_other_readers_read_every_page(pair: Pair) -> None:
    with pdfplumber.open(pair.joined) as pdf:
        assert len(pdf.pages) == len(PdfReader(pair.single).pages)


def test_one_font_per_face_and_a_size_near_one_pass(pair: Pair) -> None:
    import pikepdf

    with pikepdf.open(pair.joined) as joined:
        dictionaries = [o for o in joined.objects if isinstance(o, pikepdf.Dictionary)]
        fonts = [o for o in dictionaries if o.get("/Subtype") == "/Type0"]
        faces = {str(font.BaseFont) for font in fonts}
    assert len(fonts) == len(faces)  # the parts' and the layer's copies merged
    assert pair.joined.stat().st_size <= 1.3 * pair.single.stat().st_size


def test_the_same_bytes_whatever_runs_the_parts(pair: Pair, renderer: Renderer) -> None:
    again = digest([pair.folder / "records"], period="2024-Q3", profile=pair.profile,
                   formats=("pdf",), out=pair.folder / "one-process", renderer=renderer,
                   jobs=1)  # fmt: skip
    assert again.outputs[0].path.read_bytes() == pair.joined.read_bytes()


def test_a_layer_too_short_is_made_longer(pair: Pair, renderer: Renderer,
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # The layer is laid out beside the parts for an estimate of the pages; a document
    # longer than estimated gets its numbers all the same, and the same file.
    monkeypatch.setattr(pdf_parts, "_CHARACTERS_A_PAGE", 100_000)
    monkeypatch.setattr(pdf_parts, "_WORTH_SPLITTING", 1)
    short = digest([pair.folder / "records"], period="2024-Q3", profile=pair.profile,
                   formats=("pdf",), out=pair.folder / "short-layer", renderer=renderer,
                   jobs=1)  # fmt: skip
    assert page_number_lines(short.outputs[0].path) == page_number_lines(pair.single)


def test_a_part_that_fails_writes_nothing(tmp_path: Path, renderer: Renderer) -> None:
    records = _records(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "digest-2024-Q3.pdf").write_bytes(b"%PDF- the report of last time")
    # A template of the secretariat's whose appendix asks for a file outside its folder:
    # only the appendix's part fails to lay out.
    templates = tmp_path / "templates" / "documents"
    templates.mkdir(parents=True)
    builtin = Path(__file__).parents[1] / "templates" / "documents" / "digest.html.j2"
    text = builtin.read_text("utf-8").replace(
        "{% block appendix %}", '{% block appendix %}<img src="file:///etc/hostname">', 1
    )
    assert 'src="file:///etc/hostname"' in text
    (templates / "digest.html.j2").write_text(text, "utf-8")
    with pytest.raises(TemplateError, match="hostname"):
        digest([records], period="2024-Q3", formats=("pdf",), out=out, jobs=2,
               templates=[tmp_path / "templates"], renderer=renderer)  # fmt: skip
    assert (out / "digest-2024-Q3.pdf").read_bytes() == b"%PDF- the report of last time"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "digest-2024-Q3.pdf"
    ]


def _document(body: str, variant: str | None = None, profile: str = "hd05") -> Document:
    from generator.inputs.locations import builtin_profiles
    from generator.model.metadata import Metadata
    from generator.model.profiles import load_profile

    meta = Metadata(title="t", author="a", subject="s", created=dt.datetime(2024, 10, 1))
    html = f'<!DOCTYPE html><html lang="vi"><head></head><body>{body}</body></html>'
    rules = load_profile(builtin_profiles()[profile])
    return Document(html, "", rules, meta, Path("x.yaml"), pdf_variant=variant)


LONG = "<p>" + "chữ " * 10_000 + "</p>"


def test_cut_before_each_new_page_and_the_appendix() -> None:
    body = (f"<h1>T</h1>{LONG}<h2>I</h2>{LONG}<h2 class='section new-page'>II</h2>"
            f"<h3>1</h3>{LONG}<p class='appendix-title'>Phụ lục</p>{LONG}")  # fmt: skip
    cut = split(_document(body))
    assert cut is not None
    assert len(cut.parts) == 3
    assert cut.appendix_from == 2
    assert cut.levels == ((1, 2), (2, 3), ())
    assert "<h2 class" in cut.parts[1].html and "<h1>" not in cut.parts[1].html
    assert all(part.html.startswith('<!DOCTYPE html><html lang="vi">') for part in cut.parts)
    assert cut.layer_pages > 3
    # At most two parts: the appendix keeps a part of its own.
    two = split(_document(body), most=2)
    assert two is not None and len(two.parts) == 2 and two.appendix_from == 1


def test_the_appendix_is_cut_only_where_the_profile_starts_a_page() -> None:
    from dataclasses import replace

    body = f"{LONG}<p class='appendix-title'>Phụ lục</p>{LONG}"
    document = _document(body)
    assert document.profile is not None
    appendix = document.profile.components["appendix-title"]
    assert appendix.page_break_before and split(document) is not None
    flows = appendix.model_copy(update={"page_break_before": False})
    components = {**document.profile.components, "appendix-title": flows}
    flowing = document.profile.model_copy(update={"components": components})
    assert split(replace(document, profile=flowing)) is None  # a profile whose appendix flows on


def test_nothing_to_cut_is_one_pass() -> None:
    assert split(_document(LONG * 3)) is None  # no place where a page must start
    assert split(_document("<p>a</p><p class='appendix-title'>b</p>")) is None  # short
    body = f"{LONG}<p class='appendix-title'>b</p>{LONG}"
    assert split(_document(body), most=1) is None
    assert split(_document(body, "pdf/a-2b")) is None  # PDF/A: made for the whole document


def test_the_numbers_each_page_shows() -> None:
    restart = Numbering(first_page=False, restart_in_appendix=True)
    assert numbers_of([2, 3, 2], 2, restart) == [None, 2, 3, 4, 5, None, 2]
    flowing = Numbering(first_page=False, restart_in_appendix=False)
    assert numbers_of([2, 3, 2], 2, flowing) == [None, 2, 3, 4, 5, 6, 7]
    assert numbers_of([1, 1], 2, Numbering(True, False)) == [1, 2]


def test_a_reader_of_the_joined_file_finds_no_inline_streams(pair: Pair) -> None:
    # Every stream is an indirect object (a stream written inside an array is a file
    # pdfminer and Acrobat read as one page).
    data = pair.joined.read_bytes()
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == len(PdfReader(pair.single).pages)


def test_a_digest_is_written_in_all_its_formats_or_in_none(tmp_path: Path,
                                                           renderer: Renderer) -> None:  # fmt: skip
    # The DOCX is made while the PDF's parts are laid out: a part that fails must not leave
    # the DOCX written beside the old PDF ("nothing was written" is then the truth).
    records = _records(tmp_path)
    templates = tmp_path / "templates" / "documents"
    templates.mkdir(parents=True)
    builtin = Path(__file__).parents[1] / "templates" / "documents" / "digest.html.j2"
    text = builtin.read_text("utf-8").replace(
        "{% block appendix %}", '{% block appendix %}<img src="file:///etc/hostname">', 1
    )
    (templates / "digest.html.j2").write_text(text, "utf-8")
    out = tmp_path / "out"
    with pytest.raises(TemplateError):
        digest([records], period="2024-Q3", out=out, jobs=2, templates=[tmp_path / "templates"],
               renderer=renderer)  # fmt: skip
    assert not any(p.suffix in (".docx", ".pdf") for p in out.rglob("*"))


def test_what_only_one_pass_lays_out_right_is_not_cut() -> None:
    from generator.output.pdf_parts import _one_pass_only

    body = f"{LONG}<p class='appendix-title'>Phụ lục</p>{LONG}"
    assert not _one_pass_only("@page { @top-center { content: counter(page) } }\n"
                              "@page :first { @top-center { content: none; } }", body)  # fmt: skip
    for css in ("@page :first { margin-top: 60mm }", "@page :left { margin-left: 45mm }",
                "@page { @bottom-center { content: counter(page) } }",
                "h3 { bookmark-level: 2 }", "@page chapter { size: A5 }"):  # fmt: skip
        assert _one_pass_only(css, body), css
    for inside in ("<style>h3 { color: red }</style>", '<a href="#apx">xem</a>'):
        assert _one_pass_only("", inside + body), inside
    # An appendix wrapped by a template's own block: its numbers start anew in one pass only.
    wrapped = f"{LONG}<div class='phu-luc'><p class='appendix-title'>Phụ lục</p>{LONG}</div>"
    assert split(_document(wrapped)) is None
    # An inline element marked new-page starts no page: no cut there.
    inline = f"{LONG}<span class='new-page'>x</span>{LONG}"
    assert split(_document(inline)) is None
    # '</body>' in a comment is not the body's end.
    commented = f"{LONG}<!-- </body> --><p class='appendix-title'>Phụ lục</p><p>SAU</p>{LONG}"
    cut = split(_document(commented))
    assert cut is not None and sum("SAU" in part.html for part in cut.parts) == 1


def test_parts_at_most_keep_the_appendix_apart() -> None:
    # Joining neighbours to keep within --parts never joins the appendix to what precedes
    # it: its pages are numbered from its first (HD05).
    body = (f"<h1>T</h1>{LONG * 4}<h2 class='section new-page'>II</h2>{LONG}"
            f"<p class='appendix-title'>Phụ lục</p><p>x</p>")  # fmt: skip
    for most in (2, 3):
        cut = split(_document(body), most=most)
        assert cut is not None and len(cut.parts) <= most
        assert cut.appendix_from == len(cut.parts) - 1
        assert cut.parts[-1].html.count("appendix-title") == 1
