"""The choices of a run: one value shared by ``render``, ``digest``, ``watch`` and the
command line, checked once, and hashed into every output it shapes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import UsageError
from generator.inputs.locations import Named, resolve_named
from generator.messages import message
from generator.output.formats import FORMATS

if TYPE_CHECKING:
    from generator.model.settings import Settings


def _tuple(values: Sequence[str] | str) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


@dataclass(frozen=True)
class Options:
    #: Document types of each record (``render``, ``watch``).
    docs: tuple[str, ...] = ("tb",)
    formats: tuple[str, ...] = FORMATS
    #: A built-in profile's name, or a profile file (relative to the working folder);
    #: ``None``: the settings' profile.
    profile: str | None = None
    out: Path = Path("out")
    #: The settings file; ``None``: the nearest ``giaoban.yaml`` above each record.
    settings: Path | None = None
    #: Template folders searched before the settings' and the built-in ones.
    templates: tuple[Path, ...] = ()
    #: Text findings are errors.
    strict: bool = False
    #: A WeasyPrint PDF variant (``pdf/a-2b``…).
    pdf_variant: str | None = None
    #: Render even what is up to date.
    force: bool = False
    #: Worker processes (1: in this process).
    jobs: int = 1

    def __post_init__(self) -> None:
        # Lists, strings and str paths from callers become the one form compared and hashed.
        object.__setattr__(self, "docs", _tuple(self.docs))
        object.__setattr__(self, "formats", _tuple(self.formats))
        object.__setattr__(self, "templates", tuple(Path(t) for t in self.templates))
        object.__setattr__(self, "out", Path(self.out))
        if self.settings is not None:
            object.__setattr__(self, "settings", Path(self.settings))

    def check_formats(self) -> None:
        """Usage errors in the formats and PDF variant (before anything is read)."""
        for fmt in self.formats or ("",):
            if fmt not in FORMATS:
                raise UsageError(message("unknown_format", value=fmt, known=", ".join(FORMATS)))
        if self.pdf_variant is not None:
            from generator.output.pdf import pdf_variants

            known = pdf_variants()
            if self.pdf_variant not in known:
                detail = message("unknown_variant", value=self.pdf_variant, known=", ".join(known))
                raise UsageError(detail)

    def check_docs(self) -> None:
        """Usage errors in the document types (reads the configuration: once rendering)."""
        from generator.model.catalog import document_keys

        known = document_keys("meeting")
        for doc in self.docs or ("",):
            if doc not in known:
                raise UsageError(message("unknown_doc", value=doc, known=", ".join(known)))

    def named(self, settings_path: Path, settings: Settings) -> Named:
        """The profile file and template folders a record with these settings is rendered
        with (the one resolver, see ``inputs.locations``)."""
        return resolve_named(settings_path, settings.profile, settings.templates,
                             option_profile=self.profile,
                             option_templates=self.templates)  # fmt: skip

    def shaping(self) -> list[str]:
        """The choices that change an output's bytes, for its inputs' hash."""
        return [f"profile={self.profile}", f"strict={self.strict}", f"variant={self.pdf_variant}"]
