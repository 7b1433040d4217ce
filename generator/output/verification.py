"""Every digital signature of a PDF checked (pyHanko's validator): who signed and when,
whether the document changed after each signature, and whether the certificate chains to
the trust roots given. Plain data back; the command words it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from generator.errors import InputError, Position, Problem
from generator.messages import message
from generator.output.signature_appearance import iso_time
from generator.output.signing import certificate


@dataclass(frozen=True)
class SignatureCheck:
    """One signature (or an archive timestamp), as a clerk needs to judge it."""

    field: str
    signer: str
    organization: str | None
    #: The time the signer's computer gave (ISO 8601 in the profile's offset), if any.
    signed_at: str | None
    #: The time a timestamp server vouches for, if the signature has one.
    timestamp: str | None
    #: The signature matches the bytes it covers (nothing it signed was changed).
    intact: bool
    #: Nothing at all was added after it.
    untouched: bool
    #: What was added after it is allowed (later signatures, their fields): no edit.
    changes_allowed: bool
    #: The certificate chains to a trust root.
    trusted: bool
    revoked: bool
    #: The timestamp is valid and trusted (``None``: no timestamp).
    timestamp_ok: bool | None
    #: pyHanko's judgment over all of the above.
    ok: bool
    #: A document timestamp (PAdES B-LTA): "who" is the timestamp authority.
    archive_timestamp: bool = False


@dataclass(frozen=True)
class Verification:
    path: Path
    signatures: tuple[SignatureCheck, ...]

    @property
    def ok(self) -> bool:
        """All valid, and at least one: an unsigned file is no signed document."""
        return bool(self.signatures) and all(s.ok for s in self.signatures)


def verify(data: bytes, source: Path, trust: Sequence[Path], utc_offset: str) -> Verification:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    roots = [certificate(path) for path in trust]
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError) as e:
        problem = Problem(Position(source), message("pdf_damaged"))
        raise InputError([problem]) from e
    checks = []
    for signature in embedded:
        # Only the roots given are trusted: Vietnam's roots are in no system's trust list.
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            if signature.sig_object_type == "/DocTimeStamp":
                stamp = validate_pdf_timestamp(signature, context)
                checks.append(_timestamp_check(signature.field_name, stamp, utc_offset))
                continue
            status = validate_pdf_signature(signature, context, ts_validation_context=context)
            checks.append(_check(signature.field_name, status, utc_offset))
        except Exception:  # any fault of a damaged file is the same verdict
            # A signature whose bytes no longer read (a damaged stream, a broken object):
            # not valid, whatever the library stumbled on; the others are still reported.
            checks.append(_broken(signature.field_name))
    return Verification(source, tuple(checks))


def _broken(field: str) -> SignatureCheck:
    """A signature that cannot be read back: the document was damaged or changed."""
    return SignatureCheck(field=field, signer="?", organization=None, signed_at=None,
                          timestamp=None, intact=False, untouched=False, changes_allowed=False,
                          trusted=False, revoked=False, timestamp_ok=None, ok=False)  # fmt: skip


def _when(value: dt.datetime | None, utc_offset: str) -> str | None:
    return iso_time(value, utc_offset) if value is not None else None


def _check(field: str, status: Any, utc_offset: str) -> SignatureCheck:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    subject = status.signing_cert.subject.native
    stamp = status.timestamp_validity
    return SignatureCheck(
        field=field,
        signer=subject.get("common_name") or status.signing_cert.subject.human_friendly,
        organization=subject.get("organization_name"),
        signed_at=_when(status.signer_reported_dt, utc_offset),
        timestamp=_when(stamp.timestamp if stamp else None, utc_offset),
        intact=bool(status.intact and status.valid),
        untouched=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        changes_allowed=bool(status.docmdp_ok),
        trusted=bool(status.trusted),
        revoked=bool(status.revoked),
        timestamp_ok=None
        if stamp is None
        else bool(stamp.valid and stamp.intact and stamp.trusted),
        ok=bool(status.bottom_line),
    )


def _timestamp_check(field: str, status: Any, utc_offset: str) -> SignatureCheck:
    """No signing policy covers an archive timestamp: what may follow it is what pyHanko
    calls LTA updates (validation data, later timestamps) and signatures in fields."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    subject = status.signing_cert.subject.native
    level = status.modification_level
    changes_allowed = level is None or level.value <= ModificationLevel.FORM_FILLING.value
    intact = bool(status.intact and status.valid)
    return SignatureCheck(
        field=field,
        signer=subject.get("common_name") or status.signing_cert.subject.human_friendly,
        organization=subject.get("organization_name"),
        signed_at=None,
        timestamp=_when(status.timestamp, utc_offset),
        intact=intact,
        untouched=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        changes_allowed=changes_allowed,
        trusted=bool(status.trusted),
        revoked=bool(status.revoked),
        timestamp_ok=bool(intact and status.trusted),
        ok=intact and bool(status.trusted) and changes_allowed,
        archive_timestamp=True,
    )
