"""Electronic issuance as a run: what ``sign`` and ``verify`` read besides the PDF (the
settings above it, their profile's ``electronic_signature`` rules, the images and the
token they name), resolved once, and the signed file written atomically, never over
its input unless asked to."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ExistsError, InputError, Position, Problem, UsageError
from generator.inputs.locations import DEFAULT_PROFILE, find_settings, profile_file
from generator.messages import message, os_reason
from generator.model.profiles import ElectronicSignature, Profile, load_profile
from generator.model.settings import ElectronicSigning, Settings, load_settings
from generator.output.signing import Request, Role
from generator.output.signing_keys import KeyFile, Token
from generator.output.verification import Verification
from generator.pipeline.writing import write_atomic


@dataclass(frozen=True)
class Key:
    """The key chosen on the command line or in a script; what the settings name fills the
    rest. A PKCS#12 file wins over a token."""

    pkcs11_library: str | None = None
    token_label: str | None = None
    key_id: str | None = None
    pkcs12: Path | None = None


@dataclass(frozen=True)
class Context:
    """The settings found for a PDF (if any) and the profile they, or the option, name."""

    settings_file: Path | None
    settings: Settings | None
    profile_path: Path
    profile: Profile

    @property
    def signing(self) -> ElectronicSigning:
        return self.settings.electronic_signature if self.settings else ElectronicSigning()

    def rules(self) -> ElectronicSignature:
        if self.profile.electronic_signature is None:
            detail = message("profile_no_esign", profile=self.profile.name)
            raise InputError([Problem(Position(self.profile_path), detail)])
        return self.profile.electronic_signature

    def named(self, value: str) -> Path:
        """A path the settings name, relative to their folder."""
        assert self.settings_file is not None
        return (self.settings_file.parent / value).resolve()


def context(pdf: Path, settings: Path | None, profile: str | None) -> Context:
    """``--settings`` if given, else the nearest ``giaoban.yaml`` above the PDF (none is
    fine: the options and the default profile then say everything)."""
    if settings is None:
        try:
            settings = find_settings(pdf)
        except InputError:
            settings = None
    loaded = load_settings(settings) if settings is not None else None
    here = Path.cwd()
    if profile:
        chosen = profile_file(profile, here, Path(profile))
    elif settings is not None and loaded is not None:
        chosen = profile_file(loaded.profile, settings.parent, settings)
    else:
        chosen = profile_file(DEFAULT_PROFILE, here, here)
    return Context(settings, loaded, chosen, load_profile(chosen))


def _key(given: Key, ctx: Context) -> Token | KeyFile:
    if given.pkcs12 is not None:
        return KeyFile(given.pkcs12)
    library = given.pkcs11_library
    if library is None and (named := ctx.signing.pkcs11_library) is not None:
        # A bare name is the system's to find (System32, the library path); a path written
        # in the settings is relative to their folder, as every path there.
        bare = "/" not in named and "\\" not in named
        library = named if bare or Path(named).is_absolute() else str(ctx.named(named))
    if library is None:
        raise UsageError(message("no_key"))
    key_id = given.key_id or ctx.signing.key_id
    try:
        raw_id = bytes.fromhex(key_id) if key_id else None
    except ValueError as e:
        raise UsageError(message("bad_key_id", value=key_id)) from e
    return Token(library, given.token_label or ctx.signing.token_label, raw_id)


def _image(role: Role, given: Path | None, ctx: Context) -> Path | None:
    if given is not None or role is Role.ATTACHMENT:
        return given
    named = ctx.signing.signature_image if role is Role.SIGNER else ctx.signing.seal_image
    return ctx.named(named) if named else None


def default_output(pdf: Path, role: Role) -> Path:
    """``x.pdf`` → ``x.signer.pdf`` → ``x.signer.organization.pdf``: every step kept."""
    return pdf.with_name(f"{pdf.stem}.{role.value}.pdf")


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    """pyHanko logs what it then raises or reports (a chain it could not build while
    checking earlier signatures): the user reads giaoban's messages, not its logs."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _read(pdf: Path) -> bytes:
    try:
        return pdf.read_bytes()
    except OSError as e:
        raise InputError(
            [Problem(Position(pdf), message("pdf_unreadable", error=os_reason(e)))]
        ) from e


@dataclass(frozen=True)
class SignOptions:
    """The choices of one signature (``api.sign`` takes them as keywords too)."""

    #: ``signer``, ``organization`` or ``attachment``.
    role: str = Role.SIGNER.value
    key: Key = Key()
    #: The file written; ``<name>.<role>.pdf`` beside the input when ``None``.
    out: Path | None = None
    settings: Path | None = None
    profile: str | None = None
    #: The signer's or the seal's image, instead of the settings'.
    image: Path | None = None
    #: An attachment's document number and symbol.
    reference: str | None = None
    timestamp_url: str | None = None
    long_term: bool = False
    archive: bool = False
    trust: tuple[Path, ...] = ()
    revocation: tuple[Path, ...] = ()
    #: The signing time checked against the certificate (tests); the clock when ``None``.
    now: dt.datetime | None = None


def sign(pdf: Path, options: SignOptions, *, pin: str) -> Path:
    from generator.output.signing import sign as sign_bytes

    try:
        role = Role(options.role)
    except ValueError as e:
        known = ", ".join(r.value for r in Role)
        raise UsageError(message("bad_role", value=options.role, known=known)) from e
    if options.archive and not options.timestamp_url:
        raise UsageError(message("archive_needs_timestamp"))
    target = options.out if options.out is not None else default_output(pdf, role)
    if options.out is None and target.exists():
        raise ExistsError(message("sign_exists", path=target))
    data = _read(pdf)
    ctx = context(pdf, options.settings, options.profile)
    request = Request(
        role=role,
        key=_key(options.key, ctx),
        pin=pin,
        rules=ctx.rules(),
        font=ctx.profile.font.family,
        image=_image(role, options.image, ctx),
        seal_size_mm=ctx.signing.seal_size_mm,
        organization=ctx.signing.organization,
        reference=options.reference,
        right_margin_mm=ctx.profile.page.margins_mm.right,
        timestamp_url=options.timestamp_url,
        long_term=options.long_term or options.archive or bool(options.revocation),
        archive=options.archive,
        trust=tuple(options.trust),
        revocation=tuple(options.revocation),
        now=options.now,
    )
    with _quiet_libraries():
        signed = sign_bytes(data, pdf, request)
    write_atomic(target, signed)
    return target


def verify(pdf: Path, *, trust: Sequence[Path] = (), settings: Path | None = None,
           profile: str | None = None) -> Verification:  # fmt: skip
    from generator.output.verification import verify as verify_bytes

    data = _read(pdf)
    rules = context(pdf, settings, profile).rules()
    with _quiet_libraries():
        return verify_bytes(data, pdf, trust, rules.utc_offset)
