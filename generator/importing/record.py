"""A document's facts as a record file: YAML a clerk reads and completes.

The record is written as ``new`` writes one: plain YAML with a comment on top
saying where it comes from. Paragraphs that could not be placed are kept in
``conclusions``, each under a comment naming its paragraph, where the clerk sees
them (and the rendered document shows them) until they are moved or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, Position, Problem, Severity
from generator.importing.facts import Facts, read_facts, tidy
from generator.messages import message
from generator.model.records import Record, load_record
from generator.reading.document import Paragraph, read_document
from generator.reading.layout import lay_out, national_lines

#: The order of a record's fields, as ``new`` lists them.
_ORDER = ("title", "kind", "level", "period", "noun", "convened_by", "date", "part_of_day", "time",
          "place",
          "basis", "chairs", "attendees", "organizations", "reports", "discussion", "results",
          "assessment", "limitations", "proposals", "conclusions", "concluded_by", "directives",
          "documents")  # fmt: skip


@dataclass(frozen=True)
class Imported:
    source: Path
    #: "tb" or "bc", or None when the type line was not found.
    doc: str | None
    data: dict[str, Any]
    unplaced: list[Paragraph]
    #: What the document shows of the settings (issuing body, place, signer, recipients).
    settings: dict[str, Any]
    #: The other documents of the same meeting read into this record (the report beside
    #: its notice): their registrations are in ``data["documents"]``, their facts fill
    #: the fields this document leaves empty.
    merged: tuple[Imported, ...] = ()
    #: What the clerk must know of a paragraph read (a message id), beside what was kept.
    notes: tuple[tuple[Paragraph, str], ...] = ()

    @property
    def sources(self) -> list[Path]:
        return [self.source, *(m.source for m in self.merged)]

    def kept(self) -> list[tuple[Path, Paragraph]]:
        """The paragraphs not placed, each with the document it stands in."""
        return [(i.source, p) for i in (self, *self.merged) for p in i.unplaced]

    def noted(self) -> list[tuple[Path, Paragraph, str]]:
        """The notes on paragraphs read (a message id), each with its document."""
        return [(i.source, p, n) for i in (self, *self.merged) for p, n in i.notes]

    def yaml(self) -> str:
        """The record file's text."""
        names = ", ".join(s.name for s in self.sources)
        lines = [f"# {message('import_header', path=names)}"]
        kept = self.kept()
        keys = set(self.data) | ({"conclusions"} if kept else set())
        for key in sorted(keys, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER)):
            if key in self.data:
                lines.append(_dump({key: self.data[key]}).rstrip("\n"))
            else:
                lines.append(f"{key}:")
            if key == "conclusions" and kept:
                lines.append(f"# {message('import_unplaced_note')}")
                for source, p in kept:
                    where = message("check_at_paragraph", n=p.index, text=p.excerpt())
                    where = f"{source.name}, {where}" if self.merged else where
                    lines.append(f"# {message('import_unplaced_item', where=where)}")
                    lines.append(_dump([tidy(p.text)]).rstrip("\n"))  # as typed, "./." too
        if self.settings:
            # Settings-level facts are the settings' to hold: shown for the clerk to compare.
            lines.append(f"# {message('import_settings_note')}")
            lines += [f"#   {line}" for line in _dump(self.settings).splitlines()]
        return "\n".join(lines) + "\n"


class _Dumper(yaml.SafeDumper):
    """No anchors and aliases: a clerk reads each task's assignees in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(value: object) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000)  # fmt: skip


def import_file(path: Path) -> Imported:
    """The facts of the notice or report at ``path`` (an ``InputError`` for a file that is
    not a readable DOCX)."""
    document = read_document(path)
    layout = lay_out(document, national_lines())
    facts: Facts = read_facts(layout)
    return Imported(
        path, facts.doc, facts.data, facts.unplaced, facts.settings, notes=tuple(facts.notes)
    )


def read_all(paths: Sequence[Path]) -> list[Imported]:
    """Every document read; one that is not a notice or report stops the run."""
    found = [import_file(path) for path in paths]
    refused = [Problem(Position(i.source), message("import_not_notice")) for i in found
               if i.doc is None]  # fmt: skip
    if refused:
        raise InputError(refused)
    return found


def import_record(path: Path, settings: Path | None = None, strict: bool = False) -> Record:
    """The notice or report at ``path`` as a validated record: the record file ``import``
    would write, checked as ``validate`` checks it against ``settings`` (by default the
    nearest ``giaoban.yaml`` above the document). What the clerk must still fill is an
    ``InputError`` located in the document; paragraphs kept unplaced are warnings."""
    imported = read_all([path])[0]
    try:
        record = load_record(path, settings, strict, text=imported.yaml())
    except InputError as e:
        raise InputError(_in_document(path, e.problems)) from e
    kept = [Problem(Position(path, where=message("check_at_paragraph", n=p.index,
                                                 text=p.excerpt())),
                    message("import_kept_unplaced"), Severity.WARNING)
            for p in imported.unplaced]  # fmt: skip
    kept += [Problem(Position(path, where=message("check_at_paragraph", n=p.index,
                                                  text=p.excerpt())), message(note),
                     Severity.WARNING)
             for _, p, note in imported.noted()]  # fmt: skip
    return replace(record, warnings=(*_in_document(path, record.warnings), *kept))


def _in_document(path: Path, problems: Sequence[Problem]) -> list[Problem]:
    """Problems of the record file that was never written, said of the document it comes
    from: the field to fill, not a line of a YAML text the clerk has not seen."""
    return [Problem(Position(path), message("import_to_fill", detail=p.message), p.severity)
            if p.position.path == path and p.position.line else p
            for p in problems]  # fmt: skip
