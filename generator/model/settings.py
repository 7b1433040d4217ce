"""Settings: what stays the same from one meeting to the next.

They live in ``giaoban.yaml`` beside the records (or in a folder above them),
so a secretariat writes its issuing body, signers and recipients once.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.caches import cached_per_content
from generator.inputs.loading import load_yaml
from generator.inputs.locations import DEFAULT_PROFILE
from generator.inputs.validation import validate_model
from generator.model.catalog import LINE_FIELDS, document_types
from generator.model.periods import REVIEW_GRACE_DAYS
from generator.model.profiles import check_format, format_of
from generator.model.strict import Strict, Text
from generator.vietnamese.text import name_key

#: What ``giaoban init`` writes where only the secretariat knows the value: a document
#: printed with one of these still in it is a draft nobody finished.
SAMPLE_VALUES = {
    ("parent_body",): "Đảng bộ tỉnh …",
    ("place",): "Tên tỉnh",
    ("signer", "name"): "Nguyễn Văn A",
}


class SignMode(StrEnum):
    """How the signer signs: for a collective body, as deputy, by order, …"""

    ON_BEHALF = "tm"
    DEPUTY = "kt"
    BY_ORDER = "tl"
    ACTING = "q"
    BY_AUTHORISATION = "tuq"


class Signer(Strict):
    mode: SignMode | None = None
    on_behalf_of: Text | None = None
    title: Text
    name: Text

    @model_validator(mode="after")
    def _body_for_mode(self) -> Self:
        # An acting head signs with the head's own title ("Q. CHÁNH VĂN PHÒNG"): no body.
        if self.mode not in (None, SignMode.ACTING) and not self.on_behalf_of:
            raise PydanticCustomError(
                "signer_needs_body", "mode {mode} needs on_behalf_of", {"mode": self.mode.value}
            )
        return self


class Organization(Strict):
    """An organization as the secretariat names it, and other names records give it."""

    name: Text
    aliases: list[Text] = []


#: A summary or closing line: fields any type fills (a type's own are checked by its key).
Line = Annotated[Text, format_of(*sorted({f for fs in LINE_FIELDS.values() for f in fs}))]


def _known_document(key: str) -> str:
    """A key under ``documents``: a document type (a misspelt one is an error, as in a
    record, not settings silently ignored)."""
    if key not in document_types():
        raise PydanticCustomError("unknown_document", "unknown document type",
                                  {"allowed": list(document_types())})  # fmt: skip
    return key


class DocumentSettings(Strict):
    """Per document type (``tb``, ``bc``, …): who signs, who receives, closing line."""

    signer: Signer | None = None
    recipients: list[Text] | None = None
    summary: Line | None = None
    closing: Line | None = None


def _hexadecimal(value: str) -> str:
    if not re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", value):
        raise PydanticCustomError("not_hex", "not hexadecimal", {})
    return value


class ElectronicSigning(Strict):
    """What ``giaoban sign`` uses: the images (relative to this file), the seal's real size
    and the token. Never a PIN: it is asked at the terminal or read from ``GIAOBAN_PIN``."""

    #: The signer's handwritten signature: PNG, blue, transparent background.
    signature_image: Text | None = None
    #: The organization's seal: PNG, red, transparent background.
    seal_image: Text | None = None
    #: The seal's real diameter (its width on the page).
    seal_size_mm: Annotated[float, Field(gt=5, le=80)] = 36
    #: The name shown with the seal; the issuing body when left out.
    organization: Text | None = None
    #: The token's PKCS#11 library (a file name or a path) and its label.
    pkcs11_library: Text | None = None
    token_label: Text | None = None
    #: The key's id on the token, in hexadecimal (``01``): tokens often label the key and
    #: the certificate differently, the id is what they share.
    key_id: Annotated[str, AfterValidator(_hexadecimal)] | None = None


class Settings(Strict):
    #: A built-in profile's name, or a profile file (relative to this file).
    profile: Text = DEFAULT_PROFILE
    parent_body: Text | None = None
    issuing_body: Text
    issuer_symbol: Text
    place: Text
    signer: Signer
    recipients: list[Text] = []
    archive: Text | None = None
    documents: dict[Annotated[str, AfterValidator(_known_document)], DocumentSettings] = {}
    #: Organizations in the order reports list them; each a name, or ``{name, aliases}``.
    organizations: list[Text | Organization] = []
    #: Words the text checks should accept (names, foreign words).
    known_words: list[Text] = []
    review_grace_days: Annotated[int, Field(ge=0, le=366)] = REVIEW_GRACE_DAYS
    #: A folder of templates searched before the built-in ones (relative to this file).
    templates: Text | None = None
    electronic_signature: ElectronicSigning = ElectronicSigning()

    @field_validator("documents")
    @classmethod
    def _lines_of_their_type(
        cls, documents: dict[str, DocumentSettings]
    ) -> dict[str, DocumentSettings]:
        """A line names only the fields its type fills: ``{period}`` in a notice is refused."""
        for key, doc in documents.items():
            allowed = LINE_FIELDS[document_types()[key].scope]
            for text in (doc.summary, doc.closing):
                if text is not None:
                    check_format(text, allowed)
        return documents

    @field_validator("organizations")
    @classmethod
    def _one_organization_a_name(
        cls, organizations: list[str | Organization]
    ) -> list[str | Organization]:
        """Each name or alias names one organization: one alias under two, an alias that is
        another's name, or an organization listed twice would give one's results to another."""
        seen: dict[str, tuple[int, str]] = {}
        for index, entry in enumerate(organizations):
            names = [entry] if isinstance(entry, str) else [entry.name, *entry.aliases]
            for name in dict.fromkeys(names):
                first = seen.setdefault(name_key(name), (index, name))
                if first[0] != index:
                    raise PydanticCustomError(
                        "organization_twice", "a name of two organizations",
                        {"name": name, "index": index, "first": first[0], "other": first[1]},
                    )  # fmt: skip
        return organizations

    def known_organizations(self) -> list[Organization]:
        """The organizations listed, each with its aliases (a plain name has none)."""
        return [o if isinstance(o, Organization) else Organization(name=o)
                for o in self.organizations]  # fmt: skip

    def signers(self) -> dict[str, Signer]:
        """Every signer named, by where: ``signer``, ``documents.tb.signer``…"""
        found = {"signer": self.signer}
        for key, doc in self.documents.items():
            if doc.signer is not None:
                found[f"documents.{key}.signer"] = doc.signer
        return found


@cached_per_content
def load_settings(path: Path) -> Settings:
    return validate_model(Settings, load_yaml(path))
