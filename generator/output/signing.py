"""Digital signatures on a PDF, as Decree 30 and the Party's guidance draw them (pyHanko).

The signer signs first, in the field ``render`` left between the title and the
name; the organization second, in its own field; each signature is an
incremental update, so the first stays valid after the second. An attachment
in a file of its own gets a mark at the top right of its first page and no
image. Everything that can be wrong with the input (the PDF, the images, the
key, the certificate) is found before a byte is written; the caller writes the
bytes returned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.caches import cached
from generator.errors import InputError, Position, Problem, UsageError
from generator.messages import message, os_reason
from generator.output.fonts import font_file, text_width_pt
from generator.output.signature_fields import ATTACHMENT_FIELD, ORGANIZATION_FIELD, SIGNER_FIELD
from generator.output.signature_images import load_image
from generator.output.signature_layout import (
    MM,
    Rect,
    image_box,
    seal_box,
    top_right,
    with_caption,
)

if TYPE_CHECKING:
    from asn1crypto import x509
    from PIL.Image import Image
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import Signer

    from generator.model.profiles import ElectronicSignature


class Role(StrEnum):
    """Who signs: the person with authority, the organization (văn thư), an attachment."""

    SIGNER = "signer"
    ORGANIZATION = "organization"
    ATTACHMENT = "attachment"


FIELDS = {Role.SIGNER: SIGNER_FIELD, Role.ORGANIZATION: ORGANIZATION_FIELD,
          Role.ATTACHMENT: ATTACHMENT_FIELD}  # fmt: skip
#: Line height of the texts shown, in font sizes.
_LEADING = 1.2
#: How pyHanko hands the signing time to a stamp; ours shows it in the profile's offset.
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


@dataclass(frozen=True)
class Token:
    """A key on a PKCS#11 token (a USB token), chosen by the key's id when given."""

    library: str
    label: str | None = None
    key_id: bytes | None = None


@dataclass(frozen=True)
class KeyFile:
    """A key and its certificates in a PKCS#12 file (.p12, .pfx)."""

    path: Path


@dataclass(frozen=True)
class Request:
    """What one signature needs, all of it resolved by the caller (settings, options)."""

    role: Role
    key: Token | KeyFile
    pin: str
    rules: ElectronicSignature
    #: The font family of the texts shown (Times New Roman, as the profile names it).
    font: str
    #: The signer's image, or the seal's; none for an attachment.
    image: Path | None = None
    seal_size_mm: float = 36
    #: The organization's name shown with the seal (else the certificate's name).
    organization: str | None = None
    #: An attachment's number and symbol ("45/TB-UBND").
    reference: str | None = None
    right_margin_mm: float = 15
    timestamp_url: str | None = None
    #: Embed the revocation data (PAdES B-LT); with a timestamp, also archive (B-LTA).
    long_term: bool = False
    archive: bool = False
    trust: Sequence[Path] = ()
    #: Revocation data given (CRLs, OCSP responses), embedded with what is fetched.
    revocation: Sequence[Path] = ()
    #: The signing time (tests); the clock when ``None``.
    now: dt.datetime | None = None


def _problem(where: Path | str, msg_id: str, **values: object) -> InputError:
    return InputError([Problem(Position(Path(where)), message(msg_id, **values))])


def iso_time(when: dt.datetime, offset: str) -> str:
    """``2024-09-27T10:15:30+07:00``: the time in the rule's offset, whatever the host's."""
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    return when.astimezone(zone).isoformat(timespec="seconds")


def sign(data: bytes, source: Path, request: Request) -> bytes:
    """The signed PDF: ``data`` with one more incremental update holding the signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    if request.role is Role.ATTACHMENT and not request.reference:
        raise UsageError(message("no_reference"))
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as e:
        raise _problem(source, "pdf_damaged") from e
    if writer.prev.encrypted:
        raise _problem(source, "pdf_encrypted")
    _check_earlier_signatures(writer, source)
    _check_fields(writer, source, request.role)
    image = None
    if request.role is not Role.ATTACHMENT:
        _check_transparency_allowed(writer, source)
        rule = request.rules.signer if request.role is Role.SIGNER else request.rules.organization
        if request.image is None:
            raise UsageError(message(f"no_image_{request.role.value}"))
        image = load_image(request.image, rule.colour, rule.hue)
    with _signer(request) as signer:
        certificate = signer.signing_cert
        assert certificate is not None  # both kinds of signer load it, or raise
        _check_certificate(certificate, request)
        return _apply(writer, source, signer, certificate, request, image)


def _field_values(writer: IncrementalPdfFileWriter) -> dict[str, Any]:
    from pyhanko.sign.fields import enumerate_sig_fields

    return {name: value for name, value, _ref in enumerate_sig_fields(writer)}


def _check_fields(writer: IncrementalPdfFileWriter, source: Path, role: Role) -> None:
    fields = _field_values(writer)
    name = FIELDS[role]
    if role is Role.ATTACHMENT:
        if name in fields:
            raise _problem(source, "already_signed", role=message(f"role_{role.value}"))
        return
    if name not in fields:
        raise _problem(source, "no_signature_field")
    if fields[name] is not None:
        raise _problem(source, "already_signed", role=message(f"role_{role.value}"))
    if role is Role.ORGANIZATION and fields.get(SIGNER_FIELD) is None:
        raise _problem(source, "signer_first")


#: PDF/A-1's identification in the XMP metadata (``pdfaid:part="1"`` or ``<pdfaid:part>1<…``).
_PDFA_1 = re.compile(rb"pdfaid:part(?:>|\s*=\s*[\"'])\s*1\b")


def _check_transparency_allowed(writer: IncrementalPdfFileWriter, source: Path) -> None:
    """The Decree's images have transparent backgrounds, which PDF/A-1 forbids: a PDF/A-1
    file signed with them would no longer be PDF/A. PDF/A-2 and later allow them."""
    if "/Metadata" not in writer.root:
        return
    # Read by its key only: pyHanko then reads it as XMP and updates it when it writes (read
    # otherwise, it would be replaced by a metadata stream without the PDF/A identification).
    if _PDFA_1.search(writer.root["/Metadata"].data):
        raise _problem(source, "pdfa1_transparency")


def _check_earlier_signatures(writer: IncrementalPdfFileWriter, source: Path) -> None:
    """A file changed after it was signed is refused: signing it again would seal the change."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    for embedded in writer.prev.embedded_signatures:
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        status: Any
        if embedded.sig_object_type == "/DocTimeStamp":
            status = validate_pdf_timestamp(embedded, context)
        else:
            status = validate_pdf_signature(embedded, context)
        if not (status.intact and status.valid) or status.docmdp_ok is False:
            raise _problem(source, "changed_after_signing", field=embedded.field_name)


@contextmanager
def _signer(request: Request) -> Iterator[Signer]:
    key = request.key
    if isinstance(key, KeyFile):
        yield _key_file_signer(key, request.pin)
        return
    with _token_session(key, request.pin) as session:
        from pyhanko.sign.pkcs11 import PKCS11Signer

        key_id = key.key_id if key.key_id is not None else _only_key_id(session, key)
        try:
            signer = PKCS11Signer(session, key_id=key_id, cert_id=key_id,
                                  other_certs_to_pull=None)  # fmt: skip
            signer.signing_cert  # noqa: B018 (loads the certificate: a missing one is found here)
        except Exception as e:
            raise _problem(key.library, "token_key_missing", id=key_id.hex()) from e
        yield signer


def _key_file_signer(key: KeyFile, pin: str) -> Signer:
    from pyhanko.sign.signers import SimpleSigner

    try:
        raw = key.path.read_bytes()
    except OSError as e:
        raise _problem(key.path, "key_file_unreadable", reason=os_reason(e)) from e
    try:
        signer: Signer = SimpleSigner.load_pkcs12_data(raw, (), passphrase=pin.encode("utf-8"))
    except ValueError as e:
        raise _problem(key.path, "key_file_wrong") from e
    return signer


@contextmanager
def _token_session(key: Token, pin: str) -> Iterator[Any]:
    """The token's session, logged in with the PIN; each failure a message a clerk can act on."""
    from pkcs11 import exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import open_pkcs11_session

    criteria = TokenCriteria(label=key.label) if key.label else None
    try:
        session = open_pkcs11_session(key.library, token_criteria=criteria, user_pin=pin)
    except p11.PinIncorrect as e:
        raise _problem(key.library, "pin_incorrect") from e
    except p11.PinLocked as e:
        raise _problem(key.library, "pin_locked") from e
    except (p11.PinLenRange, p11.PinInvalid) as e:
        raise _problem(key.library, "pin_incorrect") from e
    except (p11.TokenNotPresent, p11.NoSuchToken, p11.TokenNotRecognised) as e:
        raise _problem(key.library, "no_token", label=key.label or "-") from e
    except p11.PKCS11Error as e:
        # python-pkcs11 says these two only in words: no library, no token.
        if "while loading" in str(e):
            raise _problem(key.library, "pkcs11_library") from e
        if "No token" in str(e):
            raise _problem(key.library, "no_token", label=key.label or "-") from e
        raise _problem(key.library, "token_error", error=type(e).__name__) from e
    except (OSError, RuntimeError) as e:  # the library itself cannot be loaded
        raise _problem(key.library, "pkcs11_library") from e
    try:
        yield session
    finally:
        session.close()


def _only_key_id(session: Any, key: Token) -> bytes:
    """The id of the token's one private key; several need ``--key-id``."""
    from pkcs11 import Attribute, ObjectClass

    found = [
        k[Attribute.ID] for k in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    ]
    if len(found) != 1:
        ids = ", ".join(bytes(i).hex() for i in found) or "-"
        raise _problem(key.library, "choose_key", n=len(found), ids=ids)
    return bytes(found[0])


def _check_certificate(cert: x509.Certificate, request: Request) -> None:
    """A certificate that cannot sign an official document is refused before signing: out
    of its validity, or without non-repudiation (the Decree's digital signature binds the
    signer to the content)."""
    where = request.key.path if isinstance(request.key, KeyFile) else request.key.library
    now = request.now or dt.datetime.now(dt.UTC)
    subject = cert.subject.human_friendly
    if now > cert.not_valid_after:
        raise _problem(where, "certificate_expired", subject=subject,
                       date=cert.not_valid_after.date().isoformat())  # fmt: skip
    if now < cert.not_valid_before:
        raise _problem(where, "certificate_not_yet", subject=subject,
                       date=cert.not_valid_before.date().isoformat())  # fmt: skip
    usage = set(cert.key_usage_value.native) if cert.key_usage_value is not None else set()
    if "non_repudiation" not in usage:
        raise _problem(where, "certificate_no_non_repudiation", subject=subject)


def _apply(
    writer: IncrementalPdfFileWriter,
    source: Path,
    signer: Signer,
    certificate: x509.Certificate,
    request: Request,
    image: Image | None,
) -> bytes:
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter

    name = FIELDS[request.role]
    new_field = None
    if request.role is Role.SIGNER:
        assert image is not None
        style = _image_style(image)
        _place_signer_and_seal(writer, image, request)
    elif request.role is Role.ORGANIZATION:
        assert image is not None
        organization = request.organization or certificate.subject.native.get("common_name", "")
        style = _seal_style(image, request, organization)
    else:
        style, box = _attachment_style(writer, request)
        x0, y0, x1, y1 = box.as_list()
        new_field = fields.SigFieldSpec(sig_field_name=name, on_page=0, box=(x0, y0, x1, y1))
    validation = _validation_context(request) if request.long_term or request.archive else None
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        embed_validation_info=validation is not None,
        use_pades_lta=request.archive,
        validation_context=validation,
    )
    timestamper = _timestamper(request.timestamp_url) if request.timestamp_url else None
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=timestamper, stamp_style=style,
                                   new_field_spec=new_field)  # fmt: skip
    out = BytesIO()
    try:
        pdf_signer.sign_pdf(writer, existing_fields_only=new_field is None, output=out)
    except Exception as e:
        raise _signing_failed(e, source, request) from e
    return out.getvalue()


def _signing_failed(error: Exception, source: Path, request: Request) -> InputError:
    """What stopped pyHanko, in the user's terms: the timestamp server, the revocation data
    (found in the chain of causes pyHanko raises them with)."""
    causes: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(causes) < 10:
        causes.append(current)
        current = current.__cause__ or current.__context__
    text = " ".join(f"{type(c).__name__}: {c}" for c in causes)
    if request.timestamp_url and "imestamp" in text:
        return _problem(request.timestamp_url, "timestamp_failed")
    if "Revinfo" in text or "revocation" in text.lower():
        return _problem(source, "revocation_missing")
    return _problem(source, "signing_failed", error=f"{type(error).__name__}: {error}")


def _validation_context(request: Request) -> Any:
    """Trust roots for the chain whose revocation data a long-term signature embeds: the
    data given, and what is fetched from the addresses the certificates give. A
    certificate that names an address no data came from fails the signature (hard-fail):
    a "long-term" signature without it would not be one."""
    from pyhanko_certvalidator import ValidationContext

    roots = [certificate(path) for path in request.trust]
    crls, ocsps = _revocation_data(request.revocation)
    return ValidationContext(trust_roots=roots, allow_fetching=True, crls=crls, ocsps=ocsps,
                             revocation_mode="hard-fail")  # fmt: skip


def _revocation_data(paths: Sequence[Path]) -> tuple[list[Any], list[Any]]:
    """CRLs and OCSP responses from files (DER or PEM), told apart by their structure."""
    from asn1crypto import crl, ocsp

    crls, ocsps = [], []
    for path in paths:
        raw = _der(path, "revocation_unreadable")
        try:
            listed = crl.CertificateList.load(raw)
            listed.native  # noqa: B018 (parses it)
            crls.append(listed)
            continue
        except ValueError:
            pass
        try:
            answer = ocsp.OCSPResponse.load(raw)
            answer.native  # noqa: B018
            ocsps.append(answer)
        except ValueError as e:
            raise _problem(path, "revocation_invalid") from e
    return crls, ocsps


def _der(path: Path, unreadable: str) -> bytes:
    """The DER bytes of a file in DER or PEM (the armour taken off)."""
    from asn1crypto import pem

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise _problem(path, unreadable, reason=os_reason(e)) from e
    if pem.detect(raw):
        _type, _headers, raw = pem.unarmor(raw)
    return raw


def certificate(path: Path) -> x509.Certificate:
    """A certificate file (PEM or DER), e.g. a trust root given with ``--trust``."""
    from asn1crypto import x509 as asn1_x509

    raw = _der(path, "certificate_unreadable")
    try:
        loaded = asn1_x509.Certificate.load(raw)
        loaded.native  # noqa: B018 (parses it: a bad file fails here)
    except ValueError as e:
        raise _problem(path, "certificate_invalid") from e
    return loaded


def _timestamper(url: str) -> Any:
    from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=20)


def _widget(writer: IncrementalPdfFileWriter, name: str) -> Any:
    from pyhanko.sign.fields import enumerate_sig_fields

    for found, _value, ref in enumerate_sig_fields(writer, with_name=name):
        if found == name:
            return ref.get_object()
    raise AssertionError(name)  # _check_fields found it


def _set_rect(writer: IncrementalPdfFileWriter, widget: Any, rect: Rect) -> None:
    """The widget's new rectangle, and a blank appearance of its size (PDF/A wants one)."""
    from pyhanko.pdf_utils import generic

    x0, y0, x1, y1 = rect.as_list()
    number: Any = generic.NumberObject  # untyped in pyHanko
    widget["/Rect"] = generic.ArrayObject(number(v) for v in (x0, y0, x1, y1))
    blank = generic.StreamObject({
        generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
        generic.pdf_name("/BBox"): generic.ArrayObject(number(v) for v in (0, 0, x1 - x0, y1 - y0)),
    }, stream_data=b"")  # fmt: skip
    dictionary: Any = generic.DictionaryObject
    widget["/AP"] = dictionary({generic.pdf_name("/N"): writer.add_object(blank)})
    writer.update_container(widget)


def _place_signer_and_seal(writer: IncrementalPdfFileWriter, image: Image,
                           request: Request) -> None:  # fmt: skip
    """The signer's field shrinks to the image, centred in the space ``render`` left; the
    organization's field moves to where the seal will cover the image's left third. Both
    change in the signer's own update, which the signer's signature covers: the
    organization later only fills its field, and the first signature stays valid."""
    rules = request.rules
    signer_widget = _widget(writer, SIGNER_FIELD)
    x0, y0, x1, y1 = (float(v) for v in signer_widget["/Rect"])
    gap = Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    picture = image_box(gap, image.width / image.height, rules.signer.fill)
    _set_rect(writer, signer_widget, picture)
    fields = _field_values(writer)
    if ORGANIZATION_FIELD in fields and fields[ORGANIZATION_FIELD] is None:
        rule = rules.organization
        seal = seal_box(picture, request.seal_size_mm * MM, rule.overlap, rule.side)
        lines = rule.text.count("\n") + 1
        caption = with_caption(seal, 2 * seal.width, lines * rule.text_size_pt * _LEADING)
        _set_rect(writer, _widget(writer, ORGANIZATION_FIELD), caption)


def _placed(x: str, y: str, scaling: Any) -> Any:
    """A pyHanko layout rule without margins: the appearance fills its field exactly."""
    from pyhanko.pdf_utils import layout

    return layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment[f"ALIGN_{x}"],
        y_align=layout.AxisAlignment[f"ALIGN_{y}"],
        margins=layout.Margins(0, 0, 0, 0),
        inner_content_scaling=scaling,
    )


def _image_style(image: Image) -> Any:
    """The signer's image filling its field: no border, full opacity (pyHanko's stamp
    defaults, a border and 0.6 opacity, would fade the blue)."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    fill = _placed("MID", "MID", layout.InnerScaling.STRETCH_FILL)
    return StaticStampStyle(background=PdfImage(image), border_width=0, background_opacity=1.0,
                            background_layout=fill)  # fmt: skip


@cached
def _thousand_units(path: str) -> bytes:
    """The font with 1000 units per em: pyHanko writes glyph widths and kerning in the
    font's own units, which PDF reads as thousandths of an em, so a TrueType font of 2048
    units (Liberation Serif, Tinos, Times New Roman) comes out spaced twice too wide."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
        # Hinting programs do not survive the scaling (viewers draw the glyphs distorted):
        # without them, a viewer draws the outlines as they are.
        for tag in ("fpgm", "prep", "cvt ", "hdmx", "VDMX", "LTSH"):
            if tag in font:
                del font[tag]
        if "glyf" in font:
            glyphs = font["glyf"]
            for name in font.getGlyphOrder():
                glyphs[name].removeHinting()
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _font_factory(path: str, size: int) -> Any:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    @dataclass(frozen=True)
    class ScaledFontFactory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=BytesIO(_thousand_units(path)),
                                    font_size=self.font_size, obj_stream=obj_stream)  # fmt: skip

    return ScaledFontFactory(path, font_size=size)


def _text_box_style(request: Request, size: float) -> Any:
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle

    path = font_file(request.font, False, False)
    if path is None:
        raise UsageError(message("no_font", family=request.font))
    # pyHanko lays text out in whole points (a fraction breaks its layout).
    return TextBoxStyle(
        font=_font_factory(path, round(size)),
        font_size=round(size),
        leading=round(size * _LEADING),
        border_width=0,
        box_layout_rule=_placed("MIN", "MAX", layout.InnerScaling.SHRINK_TO_FIT),
        text_color=(0, 0, 0),
    )


def _escaped(text: str) -> str:
    return text.replace("%", "%%")


def _seal_style(image: Image, request: Request, organization: str) -> Any:
    """The seal at its real size at the top of its field, the organization's name and the
    signing time in small type centred under it (an OpenType font: Vietnamese letters)."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage

    rule = request.rules.organization
    size = round(request.seal_size_mm * MM)
    text = _escaped(rule.text).format(organization=_escaped(organization), time="%(time)s")
    top = _placed("MID", "MAX", layout.InnerScaling.NO_SCALING)
    under = _placed("MID", "MIN", layout.InnerScaling.SHRINK_TO_FIT)
    seal = PdfImage(image, box=layout.BoxConstraints(size, size))
    return _text_style(request, text, rule.text_size_pt, under, background=seal,
                       background_layout=top, background_opacity=1.0)  # fmt: skip


def _attachment_style(writer: IncrementalPdfFileWriter, request: Request) -> tuple[Any, Rect]:
    """No image; the number and symbol and the signing time at the top right of page 1."""
    from pyhanko.pdf_utils import layout

    rule = request.rules.attachment
    assert request.reference is not None
    text = _escaped(rule.text).format(reference=_escaped(request.reference), time="%(time)s")
    sample = rule.text.format(reference=request.reference, time="2000-01-01T00:00:00+07:00")
    lines = sample.split("\n")
    width = max(text_width_pt(line, request.font, rule.size_pt, False, False) for line in lines)
    height = len(lines) * rule.size_pt * _LEADING
    page = writer.root["/Pages"]
    first = _first_page(page)
    x0, y0, x1, y1 = (float(v) for v in first["/MediaBox"])
    box = top_right(Rect(x0, y0, x1, y1), request.right_margin_mm * MM, rule.top_mm * MM,
                    width + 1, height)  # fmt: skip
    right = _placed("MAX", "MAX", layout.InnerScaling.SHRINK_TO_FIT)
    return _text_style(request, text, rule.size_pt, right), box


def _text_style(request: Request, text: str, size: float, placed: Any, **background: Any) -> Any:
    """A stamp of ``text`` (with ``%(time)s``, the signing time), no border, placed so."""
    return _timed_style()(
        border_width=0,
        stamp_text=text,
        timestamp_format=_TS_FORMAT,
        text_box_style=_text_box_style(request, size),
        inner_content_layout=placed,
        utc_offset=request.rules.utc_offset,
        **background,
    )


def _first_page(node: Any) -> Any:
    while node.get("/Type") != "/Page" and "/Kids" in node:
        node = node["/Kids"][0].get_object()
    return node


def _timed_style() -> type:
    """pyHanko's text stamp, showing the signing time in the rule's offset (pyHanko's own
    time placeholder uses the host's time zone)."""
    from pyhanko.stamp import TextStamp, TextStampStyle

    @dataclass(frozen=True)
    class TimedStampStyle(TextStampStyle):
        utc_offset: str = "+07:00"

        def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
            when = dt.datetime.strptime(text_params["ts"], _TS_FORMAT)
            params = {**text_params, "time": iso_time(when, self.utc_offset)}
            return TextStamp(writer=writer, style=self, box=box, text_params=params)

    return TimedStampStyle
