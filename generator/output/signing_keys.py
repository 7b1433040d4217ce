"""The signer's key: on a PKCS#11 token (a USB token, through python-pkcs11) or in a
PKCS#12 file, unlocked with the PIN; and its certificate, checked before it signs. Every
failure a clerk meets (a wrong PIN, no token, no library, an expired certificate) is a
message naming the token's library or the key file and what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError, Position, Problem
from generator.messages import message, os_reason

if TYPE_CHECKING:
    from asn1crypto import x509
    from pyhanko.sign.signers import Signer


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


def _problem(where: Path | str, msg_id: str, **values: object) -> InputError:
    return InputError([Problem(Position(Path(where)), message(msg_id, **values))])


def where(key: Token | KeyFile) -> Path:
    """What a problem of the key is reported against: the key file or the token's library."""
    return key.path if isinstance(key, KeyFile) else Path(key.library)


@contextmanager
def open_signer(key: Token | KeyFile, pin: str) -> Iterator[Signer]:
    """The signer of ``key``; a token's session stays open until the signature is made."""
    if isinstance(key, KeyFile):
        yield _key_file_signer(key, pin)
        return
    with _token_session(key, pin) as session:
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

    label = key.label or _only_token(key)
    criteria = TokenCriteria(label=label) if label else None
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
        raise _problem(key.library, "token_error", error=f"{type(e).__name__}: {e}") from e
    except (OSError, RuntimeError) as e:  # the library itself cannot be loaded
        raise _problem(key.library, "pkcs11_library") from e
    try:
        yield session
    finally:
        session.close()


def _only_token(key: Token) -> str | None:
    """The label of the library's one token when none is named: drivers (SoftHSM2, most
    USB token drivers) show empty slots beside it; several tokens need ``--token-label``."""
    import pkcs11
    from pkcs11 import TokenFlag
    from pkcs11 import exceptions as p11

    try:
        tokens = pkcs11.lib(str(key.library)).get_tokens()
        labels = [t.label.strip() for t in tokens if t.flags & TokenFlag.TOKEN_INITIALIZED]
    except (p11.PKCS11Error, OSError, RuntimeError):
        return None  # said precisely when the session is opened
    if len(labels) > 1:
        raise _problem(key.library, "choose_token", labels=", ".join(labels))
    return labels[0] if labels else None


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


def check_certificate(
    cert: x509.Certificate, key: Token | KeyFile, now: dt.datetime | None
) -> None:
    """A certificate that cannot sign an official document is refused before signing: out
    of its validity, or without non-repudiation (the Decree's digital signature binds the
    signer to the content)."""
    now = now or dt.datetime.now(dt.UTC)
    subject = cert.subject.human_friendly
    if now > cert.not_valid_after:
        raise _problem(where(key), "certificate_expired", subject=subject,
                       date=cert.not_valid_after.date().isoformat())  # fmt: skip
    if now < cert.not_valid_before:
        raise _problem(where(key), "certificate_not_yet", subject=subject,
                       date=cert.not_valid_before.date().isoformat())  # fmt: skip
    usage = set(cert.key_usage_value.native) if cert.key_usage_value is not None else set()
    if "non_repudiation" not in usage:
        raise _problem(where(key), "certificate_no_non_repudiation", subject=subject)
