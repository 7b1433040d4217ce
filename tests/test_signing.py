"""Electronic issuance: ``render`` leaves signature fields where the block landed, ``sign``
fills them as Decree 30 and the Party's guidance draw them (read back from the signed PDF:
pixels, flattened text, widget rectangles), ``verify`` judges them; bad input is refused
with the input left as it was. Keys live in a test CA made here, as PKCS#12 files and in a
SoftHSM2 token; the timestamp server runs on 127.0.0.1."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from PIL import ImageChops, ImageFilter
from pki import CA, PIN, Issued, seal_png, signature_png, softhsm_library, softhsm_token
from pki import timestamp_server as tsa_server

import generator
from generator import InputError, Key, UsageError
from generator.cli.command import main
from generator.errors import ExistsError
from generator.output.signature_appearance import iso_time
from generator.output.signature_fields import ORGANIZATION_FIELD, SIGNER_FIELD
from generator.output.signature_layout import MM, Rect, image_box, seal_box, top_right

from conftest import RECORD, SETTINGS, write_yaml

SEAL_MM = 32
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00")
BLUE, RED = (20, 40, 200), (220, 20, 30)


@dataclass(frozen=True)
class Keys:
    folder: Path
    ca: CA
    signer: Path
    organization: Path
    expired: Path
    no_non_repudiation: Path
    root: Path
    signature: Path
    seal: Path
    signer_issued: Issued


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    ca = CA.make()
    signer = ca.issue("Nguyễn Văn An")
    organization = ca.issue("Tỉnh ủy Đồng Tháp")
    root = folder / "root.pem"
    root.write_bytes(ca.root.pem())
    return Keys(
        folder=folder,
        ca=ca,
        signer=ca.pkcs12(signer, folder / "signer.p12"),
        organization=ca.pkcs12(organization, folder / "organization.p12"),
        expired=ca.pkcs12(ca.issue("Hết Hạn", expired=True), folder / "expired.p12"),
        no_non_repudiation=ca.pkcs12(
            ca.issue("Xác Thực", non_repudiation=False), folder / "auth.p12"
        ),
        root=root,
        signature=signature_png(folder / "chu-ky.png", BLUE, framed=True),
        seal=seal_png(folder / "con-dau.png", RED),
        signer_issued=signer,
    )


def _record(length: str) -> dict[str, object]:
    """A record whose signature block lands on page 1 (short) or page 3 (long)."""
    record = copy.deepcopy(RECORD)
    if length == "short":
        for key in ("results", "directives", "proposals", "limitations", "attendees", "reports"):
            record.pop(key)
        return record
    first = RECORD["results"]["general"][0]  # type: ignore[index]
    record["results"]["general"] = [first.replace("1", str(i)) for i in range(16)]  # type: ignore[index]
    record["directives"] = [
        dict(
            RECORD["directives"][0],  # type: ignore[index]
            content=f"nhiệm vụ số {i} cần triển khai trong quý I năm 2025",
        )
        for i in range(16)
    ]
    return record


@dataclass(frozen=True)
class Document:
    pdf: Path
    page: int
    profile: str


@pytest.fixture(
    scope="module",
    params=[
        ("hd05", "short", 0),
        ("hd05", "long", 2),
        ("hd36", "short", 0),
        ("hd36", "long", 2),
        ("nd30", "short", 0),
        ("nd30", "long", 2),
    ],
    ids=["hd05-page1", "hd05-page3", "hd36-page1", "hd36-page3", "nd30-page1", "nd30-page3"],
)
def document(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, keys: Keys
) -> Document:
    """The notice in each profile, its signature block on page 1 and on page 3: what the
    placement of the fields and images is tested on."""
    return _rendered(tmp_path_factory, keys, *request.param)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory, keys: Keys) -> Document:
    """One notice, for what does not depend on the profile or the page (keys, input)."""
    return _rendered(tmp_path_factory, keys, "nd30", "short", 0)


def _rendered(factory: pytest.TempPathFactory, keys: Keys, profile: str, length: str,
              page: int) -> Document:  # fmt: skip
    folder = factory.mktemp(f"{profile}-{length}")
    settings = dict(
        SETTINGS,
        profile=profile,
        electronic_signature={
            "signature_image": str(keys.signature),
            "seal_image": str(keys.seal),
            "seal_size_mm": SEAL_MM,
        },
    )
    write_yaml(folder / "giaoban.yaml", settings)
    write_yaml(folder / "record.yaml", _record(length))
    result = generator.render(
        [folder / "record.yaml"], docs=("tb",), formats=("pdf",), out=folder / "out", jobs=1
    )
    return Document(result.outputs[0].path, page, profile)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _widgets(pdf: Path) -> dict[str, tuple[int, Rect]]:
    from pypdf import PdfReader

    found = {}
    for number, page in enumerate(PdfReader(pdf).pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig":
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                found[str(annot["/T"])] = (number, Rect(x0, y0, x1, y1))
    return found


def _line(pdf: Path, page: int, text: str) -> Rect:
    """Where a line of the page's own text is, in PDF points from the bottom."""
    with pdfplumber.open(pdf) as opened:
        sheet = opened.pages[page]
        words = [w for w in sheet.extract_words() if w["text"] in text.split()]
        line = [w for w in words if abs(w["top"] - words[-1]["top"]) < 2]
        h = sheet.height
        return Rect(
            min(w["x0"] for w in line),
            h - max(w["bottom"] for w in line),
            max(w["x1"] for w in line),
            h - min(w["top"] for w in line),
        )


def _ink(pdf: Path, page: int, colour: tuple[int, int, int]) -> Rect:
    """The box of the pixels of ``colour`` a viewer draws (annotations included), in points."""
    import pypdfium2 as pdfium

    scale = 4
    document = pdfium.PdfDocument(str(pdf))
    document.init_forms()
    image = document[page].render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    masks = [
        band.point(lambda v, t=target: 255 if abs(v - t) < 40 else 0)
        for band, target in zip(image.split(), colour, strict=True)
    ]
    ink = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    # Ink is strokes: a pixel of the colour with fewer than 4 of its 8 neighbours alike is
    # a glyph's anti-aliased edge (the signing time's digits make one now and then), not ink.
    ones = ink.point(lambda v: 1 if v else 0)
    neighbours = ones.filter(ImageFilter.Kernel((3, 3), [1, 1, 1, 1, 0, 1, 1, 1, 1], scale=1))
    box = ImageChops.multiply(ink, neighbours.point(lambda n: 1 if n >= 4 else 0)).getbbox()
    assert box is not None, f"no pixel of {colour} on page {page + 1}"
    left, top, right, bottom = box
    height = image.height
    return Rect(left / scale, (height - bottom) / scale, right / scale, (height - top) / scale)


def _flattened(pdf: Path, page: int, folder: Path) -> Path:
    """The PDF with its signature appearances printed into the page, as a viewer shows them."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(pdf))
    raw.FPDFPage_Flatten(document[page], raw.FLAT_PRINT)
    out = folder / f"flat-{pdf.name}"
    document.save(str(out))
    return out


def _sign(pdf: Path, role: str, key: Path, **options: object) -> Path:
    return generator.sign(pdf, role=role, pin=PIN, key=Key(pkcs12=key), **options)  # type: ignore[arg-type]


def test_render_leaves_empty_fields_between_title_and_name(document: Document) -> None:
    widgets = _widgets(document.pdf)
    assert set(widgets) == {SIGNER_FIELD, ORGANIZATION_FIELD}
    page, gap = widgets[SIGNER_FIELD]
    assert page == document.page
    name = _line(document.pdf, page, SETTINGS["signer"]["name"])  # type: ignore[index]
    title = _line(document.pdf, page, "PHÓ BÍ THƯ")
    assert gap.y1 == pytest.approx(title.y0, abs=2)
    assert gap.y0 == pytest.approx(name.y1, abs=3)
    assert gap.x0 < name.x0 < name.x1 < gap.x1


#: A rendered document, signed by the signer, then by the organization.
Signed = tuple[Document, Path, Path]


@pytest.fixture(scope="module")
def signed_twice(
    document: Document, keys: Keys, tmp_path_factory: pytest.TempPathFactory
) -> Signed:
    """Signed by the signer, then the organization, each into a folder of its own (the
    images and the seal's size come from the settings above the rendered PDF)."""
    folder = tmp_path_factory.mktemp("signed")
    settings = document.pdf.parent.parent / "giaoban.yaml"
    before = _digest(document.pdf)
    first = _sign(document.pdf, "signer", keys.signer, out=folder / "q3.tb.signer.pdf")
    second = _sign(first, "organization", keys.organization, settings=settings,
                   out=folder / "q3.tb.signer.organization.pdf")  # fmt: skip
    assert _digest(document.pdf) == before  # the input is never changed
    return document, first, second


def test_signer_then_organization_are_both_valid(signed_twice: Signed, keys: Keys) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _doc, _first, second = signed_twice
    with second.open("rb") as handle:
        embedded = PdfFileReader(handle).embedded_signatures
        context = ValidationContext(trust_roots=[_asn1(keys.ca.root.cert)])
        statuses = [validate_pdf_signature(e, context) for e in embedded]
    assert [e.field_name for e in embedded] == [SIGNER_FIELD, ORGANIZATION_FIELD]
    assert all(s.bottom_line for s in statuses)
    result = generator.verify(second, trust=[keys.root])
    assert result.ok
    first_check, second_check = result.signatures
    assert first_check.signer == "Nguyễn Văn An" and second_check.signer == "Tỉnh ủy Đồng Tháp"
    assert first_check.intact and first_check.changes_allowed and not first_check.untouched
    assert second_check.untouched
    assert first_check.signed_at is not None and ISO.fullmatch(first_check.signed_at)


def _asn1(cert: object) -> object:
    from asn1crypto import x509
    from cryptography.hazmat.primitives import serialization

    return x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))  # type: ignore[attr-defined]


def test_images_are_placed_as_the_rules_say(signed_twice: Signed, tmp_path: Path) -> None:
    document, _first, second = signed_twice
    page = document.page
    name = _line(second, page, SETTINGS["signer"]["name"])  # type: ignore[index]
    title = _line(second, page, "PHÓ BÍ THƯ")
    blue, red = _ink(second, page, BLUE), _ink(second, page, RED)
    # The signer's image: centred between the title and the name (and on the name's axis).
    assert (blue.y0 + blue.y1) / 2 == pytest.approx((title.y0 + name.y1) / 2, abs=1.5)
    assert (blue.x0 + blue.x1) / 2 == pytest.approx((name.x0 + name.x1) / 2, abs=1.5)
    assert title.y0 > blue.y1 and blue.y0 > name.y1
    # The seal: its real size, over the left third of the signature, level with it.
    assert red.width == pytest.approx(SEAL_MM * MM, abs=1.5)
    assert red.height == pytest.approx(SEAL_MM * MM, abs=1.5)
    assert red.x0 < blue.x0
    assert red.x1 - blue.x0 == pytest.approx(blue.width * 0.333, abs=1.5)
    assert (red.y0 + red.y1) / 2 == pytest.approx((blue.y0 + blue.y1) / 2, abs=1.5)
    # Its text: the organization's name and the signing time, Vietnam's offset, in Tinos or
    # Liberation Serif (an OpenType font with the Vietnamese letters).
    flat = _flattened(second, page, tmp_path)
    with pdfplumber.open(flat) as opened:
        sheet = opened.pages[page]
        small = [c for c in sheet.chars if c["size"] < 9]
        text = "".join(c["text"] for c in small)
    assert "Tỉnh ủy Đồng Tháp" in text
    assert ISO.search(text)
    assert all(re.search("Tinos|Liberation|Times", c["fontname"]) for c in small)


def test_second_signature_keeps_the_first_valid_and_order_is_enforced(
    plain: Document, keys: Keys, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="signer has not signed"):
        _sign(plain.pdf, "organization", keys.organization, out=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    first = _sign(plain.pdf, "signer", keys.signer, out=tmp_path / "one.pdf")
    with pytest.raises(InputError, match="already signed"):
        _sign(first, "signer", keys.signer, out=tmp_path / "again.pdf")


@pytest.fixture(scope="module")
def token(keys: Keys, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One SoftHSM2 token for the module: SoftHSM2 reads its configuration once a process."""
    if softhsm_library() is None:
        pytest.skip("SoftHSM2 is not installed (scripts/install-system-packages.sh)")
    folder = tmp_path_factory.mktemp("softhsm")
    with softhsm_token(folder, "VNPT-CA test", keys.signer_issued, keys.ca) as (library, _env):
        yield library


def test_softhsm_token_signs_with_the_key_chosen_by_id(
    plain: Document, keys: Keys, token: str, tmp_path: Path
) -> None:
    library = token
    # The key is labelled "Private Key", the certificate otherwise: chosen by id.
    chosen = Key(pkcs11_library=library, token_label="VNPT-CA test", key_id="a1b2")
    out = generator.sign(plain.pdf, role="signer", pin=PIN, key=chosen, out=tmp_path / "token.pdf")
    assert generator.verify(out, trust=[keys.root]).signatures[0].ok
    # The token named in the settings, as a secretariat sets it up once.
    token_settings = {"pkcs11_library": library, "token_label": "VNPT-CA test", "key_id": "a1b2",
                      "signature_image": str(keys.signature)}  # fmt: skip
    write_yaml(tmp_path / "giaoban.yaml", dict(SETTINGS, electronic_signature=token_settings))
    named = generator.sign(plain.pdf, role="signer", pin=PIN, settings=tmp_path / "giaoban.yaml",
                           out=tmp_path / "named.pdf")  # fmt: skip
    assert generator.verify(named, trust=[keys.root]).ok
    # The library's one token is found without a label (SoftHSM2 shows an empty slot too).
    unnamed = Key(pkcs11_library=library, key_id="a1b2")
    found = generator.sign(plain.pdf, role="signer", pin=PIN, key=unnamed,
                           out=tmp_path / "unnamed.pdf")  # fmt: skip
    assert generator.verify(found, trust=[keys.root]).ok
    # The token's one key is found without an id.
    alone = Key(pkcs11_library=library, token_label="VNPT-CA test")
    again = generator.sign(plain.pdf, role="signer", pin=PIN, key=alone, out=tmp_path / "alone.pdf")
    assert generator.verify(again, trust=[keys.root]).ok
    for pin, key, expected in (
        ("000000", chosen, "wrong PIN"),
        (PIN, Key(pkcs11_library=library, token_label="No such token"), "no token found"),
        (PIN, Key(pkcs11_library=str(tmp_path / "nothing.so")), "cannot load this PKCS#11"),
        (PIN, Key(pkcs11_library=library, token_label="VNPT-CA test", key_id="ff"), "id ff"),
    ):
        with pytest.raises(InputError, match=expected):
            generator.sign(plain.pdf, role="signer", pin=pin, key=key, out=tmp_path / "bad.pdf")
        assert not (tmp_path / "bad.pdf").exists()


def test_a_byte_changed_after_signing_is_found(
    signed_twice: Signed,
    keys: Keys,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document, first, _second = signed_twice
    data = bytearray(first.read_bytes())
    at = data.index(b"\n%") + 2  # the binary comment under the header: signed, never parsed
    data[at] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    assert main(["verify", str(changed), "--trust", str(keys.root)]) == 6
    assert "NOT VALID" in capsys.readouterr().out
    assert main(["verify", str(first), "--trust", str(keys.root)]) == 0
    assert main(["verify", str(document.pdf)]) == 6  # no signature: not a signed document
    assert "no digital signature" in capsys.readouterr().out


def test_a_pdf_edited_after_signing_is_refused_and_reported(
    signed_twice: Signed,
    keys: Keys,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _doc, first, _second = signed_twice
    with first.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/Rotate"] = generic.NumberObject(90)
        writer.update_container(page)
        edited = tmp_path / "edited.pdf"
        with edited.open("wb") as out:
            writer.write(out)
    assert main(["verify", str(edited), "--trust", str(keys.root)]) == 6
    assert "THE DOCUMENT WAS CHANGED" in capsys.readouterr().out
    before = _digest(edited)
    with pytest.raises(InputError, match="changed after signature"):
        _sign(edited, "organization", keys.organization)
    assert _digest(edited) == before
    assert not edited.with_name("edited.organization.pdf").exists()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("expired", "expired on"),
        ("no_non_repudiation", "non-repudiation"),
        ("jpeg", "not a PNG"),
        ("opaque", "no transparent background"),
        ("red_signature", "is not xanh"),
        ("no_field", "no signature field"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    case: str, expected: str, plain: Document, keys: Keys, tmp_path: Path
) -> None:
    from PIL import Image

    pdf, key, image = plain.pdf, keys.signer, None
    if case in ("expired", "no_non_repudiation"):
        key = getattr(keys, case)
    elif case == "jpeg":
        image = tmp_path / "chu-ky.png"
        Image.new("RGB", (60, 20), BLUE).save(image, format="JPEG")
    elif case == "opaque":
        image = signature_png(tmp_path / "opaque.png", BLUE, transparent=False)
    elif case == "red_signature":
        image = signature_png(tmp_path / "red.png", RED)
    else:
        from pypdf import PdfWriter

        pdf = tmp_path / "other.pdf"
        blank = PdfWriter()
        blank.add_blank_page(595, 842)
        blank.write(pdf)
    before = _digest(pdf)
    out = tmp_path / "out.pdf"
    with pytest.raises(InputError, match=expected) as raised:
        _sign(pdf, "signer", key, image=image, out=out)
    assert not out.exists() and _digest(pdf) == before
    assert all(p.position.path in (pdf, key, image) for p in raised.value.problems)


def test_pkcs12_wrong_password_is_refused(plain: Document, keys: Keys, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="wrong password"):
        generator.sign(
            plain.pdf,
            role="signer",
            pin="wrong",
            key=Key(pkcs12=keys.signer),
            out=tmp_path / "out.pdf",
        )
    assert not (tmp_path / "out.pdf").exists()


def test_attachment_is_marked_top_right_of_page_one(
    plain: Document, keys: Keys, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="main document"):  # a notice is no attachment
        _sign(plain.pdf, "attachment", keys.organization, reference="45/TB-TU",
              out=tmp_path / "x.pdf")  # fmt: skip
    out = _sign(
        _attachment(plain.pdf, tmp_path),
        "attachment",
        keys.organization,
        reference="45/TB-TU",
        out=tmp_path / "phu-luc.pdf",
    )
    assert generator.verify(out, trust=[keys.root]).ok
    flat = _flattened(out, 0, tmp_path)
    with pdfplumber.open(flat) as opened:
        sheet = opened.pages[0]
        mark = [c for c in sheet.chars if c["top"] < 20 * MM and c["x0"] > sheet.width / 2]
        lines = "".join(c["text"] for c in mark)
        width = sheet.width
    assert lines.startswith("45/TB-TU") and ISO.search(lines)
    assert {round(c["size"]) for c in mark} == {10}
    assert all(re.search("Tinos|Liberation|Times", c["fontname"]) for c in mark)
    assert not any(re.search("Bold|Italic", c["fontname"]) for c in mark)
    assert all(c["non_stroking_color"] in ((0,), (0, 0, 0), (0.0, 0.0, 0.0)) for c in mark)
    margin = 15 * MM  # both profiles' right margin
    assert max(c["x1"] for c in mark) == pytest.approx(width - margin, abs=2)
    # The mark's box starts 8 mm under the page's top edge; its first line inside it.
    assert 8 * MM <= min(c["top"] for c in mark) <= 8 * MM + 10


def test_timestamped_and_archived_signatures(plain: Document, keys: Keys, tmp_path: Path) -> None:
    with tsa_server(keys.ca) as url:
        stamped = _sign(
            plain.pdf, "signer", keys.signer, timestamp_url=url, out=tmp_path / "b-t.pdf"
        )
        archived = _sign(
            stamped,
            "organization",
            keys.organization,
            timestamp_url=url,
            archive=True,
            trust=[keys.root],
            image=keys.seal,
            out=tmp_path / "b-lta.pdf",
        )
    result = generator.verify(archived, trust=[keys.root])
    assert result.ok, result
    assert all(s.timestamp is not None and s.timestamp_ok for s in result.signatures)
    from pyhanko.pdf_utils.reader import PdfFileReader

    with archived.open("rb") as handle:
        reader = PdfFileReader(handle)
        assert "/DSS" in reader.root  # the validation data (B-LT)
        assert reader.embedded_signatures[-1].sig_object["/Type"] == "/DocTimeStamp"  # B-LTA


def test_long_term_signatures_embed_the_revocation_data(
    plain: Document, keys: Keys, tmp_path: Path
) -> None:
    """B-LT: the CRL the certificate names is fetched (from 127.0.0.1) and embedded; when it
    cannot be fetched, the one given with ``revocation`` is; with neither, nothing is signed."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with tsa_server(keys.ca) as url:
        crl_url = url + "root.crl"
        listed = keys.ca.issue("Nguyễn Văn An", crl_url=crl_url)
        key_file = keys.ca.pkcs12(listed, tmp_path / "listed.p12")
        fetched = _sign(plain.pdf, "signer", key_file, long_term=True, trust=[keys.root],
                        out=tmp_path / "fetched.pdf")  # fmt: skip
        crl_file = tmp_path / "root.crl"
        crl_file.write_bytes(keys.ca.crl())
    # The server is gone: the CRL cannot be fetched any more.
    given = _sign(plain.pdf, "signer", key_file, revocation=[crl_file], trust=[keys.root],
                  out=tmp_path / "given.pdf")  # fmt: skip
    for signed in (fetched, given):
        with signed.open("rb") as handle:
            dss = PdfFileReader(handle).root["/DSS"]
            assert len(dss["/CRLs"]) >= 1
        assert generator.verify(signed, trust=[keys.root]).ok
    with pytest.raises(InputError, match="revocation data"):
        _sign(plain.pdf, "signer", key_file, long_term=True, trust=[keys.root],
              out=tmp_path / "none.pdf")  # fmt: skip
    assert not (tmp_path / "none.pdf").exists()


def test_an_unreachable_timestamp_server_leaves_nothing(
    plain: Document, keys: Keys, tmp_path: Path
) -> None:
    import socket

    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(InputError, match="timestamp server"):
        _sign(
            plain.pdf,
            "signer",
            keys.signer,
            timestamp_url=f"http://127.0.0.1:{port}/",
            out=tmp_path / "out.pdf",
        )
    assert not (tmp_path / "out.pdf").exists()


def test_command_reads_the_pin_from_the_environment_only(
    plain: Document,
    keys: Keys,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "cli.pdf"
    command = [
        "sign",
        str(plain.pdf),
        "--as",
        "signer",
        "--pkcs12",
        str(keys.signer),
        "--out",
        str(out),
    ]
    monkeypatch.delenv("GIAOBAN_PIN", raising=False)
    assert main(command) == 2  # no terminal to ask (tests read no tty) and no variable
    assert "GIAOBAN_PIN" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("GIAOBAN_PIN", PIN)
    assert main(command) == 0
    assert main(["verify", str(out), "--trust", str(keys.root)]) == 0
    assert (
        main(
            [
                "sign",
                str(plain.pdf),
                "--as",
                "signer",
                "--pkcs12",
                str(keys.signer),
                "--pin",
                PIN,
            ]
        )
        == 2
    )


def test_default_output_is_never_overwritten(plain: Document, keys: Keys, tmp_path: Path) -> None:
    copy_of = tmp_path / "copy.pdf"
    copy_of.write_bytes(plain.pdf.read_bytes())
    first = _sign(copy_of, "signer", keys.signer, image=keys.signature)
    assert first == tmp_path / "copy.signer.pdf"
    second = _sign(first, "organization", keys.organization, image=keys.seal)
    assert second == tmp_path / "copy.signer.organization.pdf"
    kept = _digest(first)
    with pytest.raises(ExistsError):
        _sign(copy_of, "signer", keys.signer, image=keys.signature)
    assert _digest(first) == kept


def test_a_pdf_a_stays_pdf_a_in_what_can_be_checked_here(keys: Keys, tmp_path: Path) -> None:
    """PDF/A-2b after signing: the output intent and PDF/A identification kept, every widget
    printable with an appearance. (No veraPDF here: full conformance is not checked.)"""
    from pypdf import PdfReader

    settings = dict(
        SETTINGS,
        electronic_signature={"signature_image": str(keys.signature), "seal_image": str(keys.seal)},
    )
    write_yaml(tmp_path / "giaoban.yaml", settings)
    write_yaml(tmp_path / "record.yaml", _record("short"))
    rendered = generator.render(
        [tmp_path / "record.yaml"],
        docs=("tb",),
        formats=("pdf",),
        out=tmp_path / "out",
        pdf_variant="pdf/a-2b",
        jobs=1,
    )
    signed = _sign(
        _sign(rendered.outputs[0].path, "signer", keys.signer), "organization", keys.organization
    )
    reader = PdfReader(signed)
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    for annot in reader.pages[0]["/Annots"]:
        annot = annot.get_object()
        assert int(annot["/F"]) & 4 and "/N" in annot["/AP"]


def test_a_pdf_a_1_is_not_given_transparent_images(keys: Keys, tmp_path: Path) -> None:
    """PDF/A-1 forbids transparency: the images would break it, so it is refused (an
    attachment's mark, text only, is not)."""
    settings = dict(SETTINGS, electronic_signature={"signature_image": str(keys.signature)})
    write_yaml(tmp_path / "giaoban.yaml", settings)
    write_yaml(tmp_path / "record.yaml", _record("short"))
    rendered = generator.render([tmp_path / "record.yaml"], docs=("tb",), formats=("pdf",),
                                out=tmp_path / "out", pdf_variant="pdf/a-1b", jobs=1)  # fmt: skip
    pdf = rendered.outputs[0].path
    with pytest.raises(InputError, match="PDF/A-1"):
        _sign(pdf, "signer", keys.signer, out=tmp_path / "signed.pdf")
    assert not (tmp_path / "signed.pdf").exists()
    marked = _sign(_attachment(pdf, tmp_path), "attachment", keys.organization,
                   reference="45/TB-TU", out=tmp_path / "marked.pdf")  # fmt: skip
    assert generator.verify(marked, trust=[keys.root]).ok


def test_settings_and_profiles_are_checked_where_they_say_it(
    plain: Document, keys: Keys, tmp_path: Path
) -> None:
    import yaml

    write_yaml(tmp_path / "giaoban.yaml", dict(SETTINGS, electronic_signature={"key_id": "xyz"}))
    with pytest.raises(InputError, match="not hexadecimal") as raised:
        generator.sign(plain.pdf, role="signer", pin=PIN, key=Key(pkcs12=keys.signer),
                       settings=tmp_path / "giaoban.yaml", out=tmp_path / "out.pdf")  # fmt: skip
    where = raised.value.problems[0].position
    assert where.path == tmp_path / "giaoban.yaml" and where.line > 1
    from generator.inputs.locations import builtin_profiles

    profile = yaml.safe_load(builtin_profiles()["nd30"].read_text(encoding="utf-8"))
    profile["electronic_signature"]["utc_offset"] = "+7"
    write_yaml(tmp_path / "bad-offset.yaml", profile)
    with pytest.raises(InputError, match="UTC offset"):
        generator.verify(plain.pdf, profile=str(tmp_path / "bad-offset.yaml"))
    del profile["electronic_signature"]
    write_yaml(tmp_path / "paper-only.yaml", profile)
    with pytest.raises(InputError, match="no electronic_signature") as raised:
        _sign(plain.pdf, "signer", keys.signer, profile=str(tmp_path / "paper-only.yaml"),
              out=tmp_path / "out.pdf")  # fmt: skip
    assert raised.value.problems[0].position.path == tmp_path / "paper-only.yaml"
    assert not (tmp_path / "out.pdf").exists()


def test_signing_time_is_shown_in_vietnam_time_whatever_the_host() -> None:
    when = dt.datetime(2024, 9, 27, 3, 15, 30, tzinfo=dt.UTC)
    assert iso_time(when, "+07:00") == "2024-09-27T10:15:30+07:00"
    paris = dt.timezone(dt.timedelta(hours=2))
    assert iso_time(when.astimezone(paris), "+07:00") == "2024-09-27T10:15:30+07:00"


def test_layout_numbers() -> None:
    gap = Rect(300, 500, 540, 580)
    picture = image_box(gap, 2.5, 0.9)
    assert picture.height == pytest.approx(72) and picture.width == pytest.approx(180)
    assert (picture.x0 + picture.x1) / 2 == 420 and (picture.y0 + picture.y1) / 2 == 540
    seal = seal_box(picture, 100, 1 / 3, "left")
    assert seal.x1 - picture.x0 == pytest.approx(60) and seal.width == 100
    page = Rect(0, 0, 595, 842)
    mark = top_right(page, 15 * MM, 8 * MM, 80, 24)
    assert mark.x1 == pytest.approx(595 - 15 * MM) and mark.y1 == pytest.approx(842 - 8 * MM)


def test_usage_errors() -> None:
    with pytest.raises(UsageError, match="--timestamp-url"):
        generator.sign(Path("x.pdf"), role="signer", pin=PIN, key=Key(), archive=True)
    with pytest.raises(UsageError, match="unknown role"):
        generator.sign(Path("x.pdf"), role="clerk", pin=PIN, key=Key())


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("giaoban ver", "plain,verify"),
        ("giaoban sign x.pdf --as ", "plain,organization"),
        ("giaoban sign x.pdf --pkcs11-lib LIBDIR/libsofth", "plain,LIBDIR/libsofthsm2.so"),
    ],
)
def test_completion_knows_the_signing_commands(words: str, expected: str) -> None:
    import os
    import subprocess
    import sys

    library = softhsm_library()
    if "LIBDIR" in words:
        if library is None:
            pytest.skip("SoftHSM2 is not installed")
        words = words.replace("LIBDIR", str(Path(library).parent))
        expected = expected.replace("LIBDIR", str(Path(library).parent))
    env = {**os.environ, "_GIAOBAN_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "generator"], capture_output=True, text=True,
                            env=env, check=False)  # fmt: skip
    assert expected in result.stdout.split(), result.stdout


def test_a_damaged_signed_pdf_is_reported_never_a_crash(
    signed_twice: Signed, keys: Keys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review: one bit flipped in 1 of 10 places (a compressed stream, an object
    header, the signature's own bytes) made verify and sign exit 70. Now: not valid (6),
    not a readable PDF (1), or valid where nothing read changed; sign refuses the file or
    signs what still verifies; never an internal error."""
    document, first, _second = signed_twice
    settings = document.pdf.parent.parent / "giaoban.yaml"
    data = first.read_bytes()
    for n, at in enumerate(range(len(data) // 41, len(data) - 16, len(data) // 41)):
        damaged = bytearray(data)
        damaged[at] ^= 0x10
        path = tmp_path / f"d{n}.pdf"
        path.write_bytes(bytes(damaged))
        # 0 where the flip changed nothing read (a space in the signature's hex padding)
        assert main(["verify", str(path), "--trust", str(keys.root)]) in (0, 1, 6), at
        out = tmp_path / f"o{n}.pdf"
        try:
            _sign(path, "organization", keys.organization, settings=settings, out=out)
        except InputError:
            assert not out.exists()
        else:  # the flip fell where nothing signed is read: the result must still verify
            assert generator.verify(out, trust=[keys.root]).ok, at
    assert "please report" not in capsys.readouterr().err


def test_images_that_would_print_wrong_are_refused(tmp_path: Path) -> None:
    """Found by review: a near-black signature passed as blue (dark colours have a high
    HLS saturation), a black one with a blue dot too, and an opaque white seal with one
    clear pixel passed as transparent (it hid the title and the name)."""
    from PIL import Image

    from generator.model.profiles import Hue
    from generator.output.signature_images import load_image

    blue = Hue(low=180, high=265)
    with pytest.raises(InputError, match=r"ink \(hue -\) is not xanh"):
        load_image(signature_png(tmp_path / "dark.png", colour=(15, 15, 30)), "xanh", blue)
    dotted = signature_png(tmp_path / "dot.png", colour=(0, 0, 0))
    with Image.open(dotted) as image:
        image.paste((0, 0, 255, 255), (0, 0, 4, 4))
        image.save(dotted)
    with pytest.raises(InputError, match=r"ink \(hue -\) is not xanh"):
        load_image(dotted, "xanh", blue)
    white = tmp_path / "white.png"
    square = Image.new("RGBA", (300, 300), (255, 255, 255, 255))
    square.paste((0, 0, 255, 255), (100, 100, 200, 200))
    square.putpixel((0, 0), (0, 0, 0, 0))
    square.save(white)
    with pytest.raises(InputError, match="transparent"):
        load_image(white, "xanh", blue)
    assert load_image(signature_png(tmp_path / "ok.png"), "xanh", blue).mode == "RGBA"


def _attachment(pdf: Path, folder: Path) -> Path:
    """An attachment in a file of its own: the pages without giaoban's signature fields
    (a document's own file has them, and is signed as signer and organization)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    for page in writer.pages:
        if "/Annots" in page:
            del page["/Annots"]
    if "/AcroForm" in writer._root_object:
        del writer._root_object["/AcroForm"]
    out = folder / f"{pdf.stem}.phu-luc.pdf"
    writer.write(out)
    return out
