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
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import GiaobanError, InputError, Position, Problem, UsageError
from generator.messages import message, os_reason
from generator.output.signature_appearance import (
    attachment_style,
    caption_height,
    image_style,
    seal_style,
)
from generator.output.signature_fields import ATTACHMENT_FIELD, ORGANIZATION_FIELD, SIGNER_FIELD
from generator.output.signature_images import load_image
from generator.output.signature_layout import MM, Rect, image_box, seal_box, with_caption
from generator.output.signing_keys import KeyFile, Token, check_certificate, open_signer

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
    #: When the certificate must be valid (tests); the clock when ``None``.
    now: dt.datetime | None = None


def _problem(where: Path | str, msg_id: str, **values: object) -> InputError:
    return InputError([Problem(Position(Path(where)), message(msg_id, **values))])


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
    try:
        _check_earlier_signatures(writer, source)
        _check_fields(writer, source, request.role)
        if request.role is not Role.ATTACHMENT:
            _check_transparency_allowed(writer, source)
    except GiaobanError:
        raise
    except Exception as e:  # a damaged file, whatever the library stumbled on
        raise _problem(source, "pdf_damaged") from e
    image = None
    if request.role is not Role.ATTACHMENT:
        rule = request.rules.signer if request.role is Role.SIGNER else request.rules.organization
        if request.image is None:
            raise UsageError(message(f"no_image_{request.role.value}"))
        image = load_image(request.image, rule.colour, rule.hue)
    with open_signer(request.key, request.pin) as signer:
        certificate = signer.signing_cert
        assert certificate is not None  # both kinds of signer load it, or raise
        check_certificate(certificate, request.key, request.now)
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
        if SIGNER_FIELD in fields:
            # giaoban's main documents carry the signer's field: an appendix in the same
            # file is not signed apart (NĐ30, Phụ lục I, II.8.b).
            raise _problem(source, "attachment_is_main")
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
        try:
            if embedded.sig_object_type == "/DocTimeStamp":
                status = validate_pdf_timestamp(embedded, context)
            else:
                status = validate_pdf_signature(embedded, context)
        except Exception as e:  # its bytes no longer read: changed, or damaged
            raise _problem(source, "changed_after_signing", field=embedded.field_name) from e
        if not (status.intact and status.valid) or status.docmdp_ok is False:
            raise _problem(source, "changed_after_signing", field=embedded.field_name)


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
    rules, font = request.rules, request.font
    if request.role is Role.SIGNER:
        assert image is not None
        style = image_style(image)
        _place_signer_and_seal(writer, image, request)
    elif request.role is Role.ORGANIZATION:
        assert image is not None
        organization = request.organization or certificate.subject.native.get("common_name", "")
        style = seal_style(image, rules.organization, font, rules.utc_offset,
                           request.seal_size_mm, organization)  # fmt: skip
    else:
        assert request.reference is not None
        x0, y0, x1, y1 = (float(v) for v in _first_page(writer.root["/Pages"])["/MediaBox"])
        style, box = attachment_style(Rect(x0, y0, x1, y1), rules.attachment, font,
                                      rules.utc_offset, request.reference,
                                      request.right_margin_mm)  # fmt: skip
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
        return _problem(source, "timestamp_failed", url=request.timestamp_url)
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
        caption = with_caption(seal, 2 * seal.width, caption_height(rule))
        _set_rect(writer, _widget(writer, ORGANIZATION_FIELD), caption)


def _first_page(node: Any) -> Any:
    while node.get("/Type") != "/Page" and "/Kids" in node:
        node = node["/Kids"][0].get_object()
    return node
