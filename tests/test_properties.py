"""Property tests: any input gives a result or a clear user error, never a traceback."""

from __future__ import annotations

import copy
import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import InputError, validate
from generator.inputs.loading import load_yaml
from generator.model.kinds import DirectiveStatus as S
from generator.vietnamese.encodings import detect
from generator.vietnamese.hygiene import check_text

from conftest import RECORD, SETTINGS

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("GIAOBAN_HYPOTHESIS_EXAMPLES", "300"))
common = settings(max_examples=EXAMPLES, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=60),
    st.dates().map(str), st.sampled_from(["2024-Q3", "25/9/2024", "2024-02-30", "14:00", ""]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@common
@given(text=st.text(max_size=400))
def test_any_text_loads_or_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.yaml"
    path.write_text(text, "utf-8", errors="surrogatepass")
    try:
        load_yaml(path)
    except InputError as e:
        assert e.problems and all(p.position.path == path for p in e.problems)


@common
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_or_are_a_clear_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "any.yaml"
    path.write_bytes(raw)
    try:
        load_yaml(path)
    except InputError as e:
        assert e.problems


def _mutate(record: dict[str, Any], key: str, value: object, drop: bool) -> dict[str, Any]:
    data = copy.deepcopy(record)
    if drop:
        data.pop(key, None)
    else:
        data[key] = value
    return data


@common
@given(key=st.sampled_from([*RECORD, "extra", "chair"]), value=values, drop=st.booleans())
def test_mutated_records_validate_or_report_positions(
    tmp_path: Path, key: str, value: object, drop: bool
) -> None:
    (tmp_path / "giaoban.yaml").write_text(yaml.safe_dump(SETTINGS, allow_unicode=True), "utf-8")
    path = tmp_path / "r.yaml"
    data = _mutate(RECORD, key, value, drop)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    try:
        validate([path])
    except InputError as e:
        assert e.problems
        assert all(p.position.path == path and p.position.line >= 0 for p in e.problems)
        assert all(p.message and "Traceback" not in p.message for p in e.problems)


@common
@given(text=st.text(max_size=200))
def test_text_checks_never_fail(text: str) -> None:
    assert isinstance(check_text(text), list)
    found = detect(text)
    assert found is None or isinstance(found.converted, str)


@common
@given(depth=st.integers(min_value=1, max_value=3000))
def test_any_nesting_depth_is_bounded(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * depth + "]" * depth + "\n", "utf-8")
    try:
        load_yaml(path)
    except InputError as e:
        assert "nested" in e.problems[0].message


def _vietnamese_words() -> list[str]:
    """Every distinct Vietnamese word of the seed articles (real text, in Unicode)."""
    from generator.vietnamese.syllables import is_acceptable_word

    seeds = Path(__file__).resolve().parent / "data" / "seeds"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    words = {w.strip('.,;:()“”"') for w in text.split()}
    return sorted(w for w in words if w and not w.isascii() and is_acceptable_word(w))


EUROPEAN = ["Müller", "Zürich", "Bjørk", "Ørsted", "Gödel", "naïve", "façade", "Ångström",
            "Dvořák", "Łódź", "São", "Curaçao", "Straße", "Œuvre", "Kraków", "Thérèse"]  # fmt: skip


@common
@given(
    st.lists(st.sampled_from(_vietnamese_words()) | st.sampled_from(EUROPEAN), min_size=1,
             max_size=25),
    st.sampled_from([" ", ", ", "; ", " – "]),
)  # fmt: skip
def test_fix_is_the_identity_on_unicode_vietnamese_and_european_names(
    tmp_path: Path, words: list[str], separator: str
) -> None:
    from generator.commands.fix import fix_file

    text = separator.join(words)
    assert detect(text) is None, text
    path = tmp_path / "record.yaml"
    original = yaml.safe_dump({"limitations": [text]}, allow_unicode=True).encode("utf-8")
    path.write_bytes(original)
    result = fix_file(path, backup=False)
    assert result.changed_lines == 0 and path.read_bytes() == original


#: Text a careless paste or a hostile user brings: controls, astral letters, marks, RTL,
#: invisible characters (alone, they make a value that looks empty).
nasty_text = st.text(
    st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co"]),
    max_size=40,
) | st.sampled_from(["\x0b", "\x1b[31m", "\uffff", "😀𝕏", "\u202eabc", "a\u0301", "{{ 7*7 }}",
                     "\u200f\u200e\u200b", "Hội\u200b nghị", "\ufeff", "\u2066x\u2069",
                     "{period}", "{{period}}", "{", "}", "Chủ tịch."])  # fmt: skip
extremes = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31", "2100-12-31", "1900-01-01", "31/9/2024",
                     "29/02/2024", "2108-01-01", "2024-09-25 25:00:00"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([10**25, -(10**27), 10**18, 10**200, 1e27, True, False]),
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip
#: Values as a user types them in the file, beyond what a dump of data can write: explicit
#: tags with values they cannot have, integers past any bound, timestamps with times.
raw_values = st.sampled_from([
    "!!int abc", '!!int "0x"', "!!float abc", "!!bool maybe", "!!timestamp notadate",
    "!!timestamp 2024-02-30", "!!timestamp 0001-01-01", "!!timestamp 2024-09-25 10:00:00",
    "!!set {a, b}", "!!binary aGVsbG8=", "!!str 12", "!!null ''", "9" * 5000, "-" + "9" * 200,
    "1e400", "!!omap [a: 1]", "{a: 1}", "[1, [2]]",
])  # fmt: skip
#: One-line fields of the record a raw value may replace.
raw_keys = st.sampled_from(["place", "date", "period", "noun", "time", "kind", "part_of_day"])
#: Record file names: plain, Vietnamese, a byte that is no UTF-8 (from an old disk).
file_names = st.sampled_from(["r.yaml", "Họp-1.yaml", os.fsdecode(b"h\xf4p.yaml")])
#: What the command's messages are written to: UTF-8, or an encoding without Vietnamese.
stream_encodings = st.sampled_from(["utf-8", "latin-1", "cp1252", "ascii"])
mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "replace", "insert_text", "nested"]),
        st.sampled_from([*RECORD, "title", "chairs", "results", "directives", "documents"]),
        values | nasty_text | extremes,
    ),
    min_size=1,
    max_size=4,
)


def _apply(record: dict[str, Any], changes: list[tuple[str, str, object]]) -> dict[str, Any]:
    data = copy.deepcopy(record)
    for how, key, value in changes:
        if how == "delete":
            data.pop(key, None)
        elif how == "replace":
            data[key] = value
        elif how == "insert_text" and isinstance(data.get(key), str):
            data[key] = f"{data[key]} {value}"
        elif how == "nested" and isinstance(data.get(key), list) and data[key]:
            first = data[key][0]
            if isinstance(first, dict) and first:
                field = sorted(first)[0]
                data[key] = [{**first, field: value}, *data[key][1:]]
            else:
                data[key] = [value, *data[key][1:]]
    return data


@settings(max_examples=int(os.environ.get("GIAOBAN_RENDER_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(changes=mutations, raw=st.lists(st.tuples(raw_keys, raw_values), max_size=2),
       name=file_names, encoding=stream_encodings)  # fmt: skip
def test_what_validate_accepts_render_renders_and_nothing_is_an_internal_error(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, str, object]],
    raw: list[tuple[str, str]], name: str, encoding: str,
) -> None:  # fmt: skip
    """Mutated records through validate and render to both formats: exit 0 or 1, never 70,
    whatever the values typed by hand, the file's name and the terminal's encoding."""
    from generator.cli.command import main

    folder = tmp_path_factory.mktemp("mutated")
    (folder / "giaoban.yaml").write_text(yaml.safe_dump(SETTINGS, allow_unicode=True), "utf-8")
    path = folder / name
    try:
        text = yaml.safe_dump(_apply(RECORD, changes), allow_unicode=True, width=10**6)
    except (yaml.YAMLError, ValueError):
        return  # not a record anyone can write (or an integer Python will not print)
    for key, value in raw:  # as typed in the file, in place of the field's line
        lines = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
        text = "\n".join([*lines, f"{key}: {value}", ""])
    path.write_text(text, "utf-8", errors="surrogatepass")
    with pytest.MonkeyPatch.context() as patch:
        for stream in ("stdout", "stderr"):
            patch.setattr(sys, stream, io.TextIOWrapper(io.BytesIO(), encoding=encoding))
        validated = main(["validate", str(path)])
        rendered = main(["render", str(path), "--doc", "tb,bc", "--out", str(folder / "out"),
                         "-q"])  # fmt: skip
    assert validated in (0, 1)
    assert rendered == validated  # accepted by one, rendered by the other; refused by both


day_in_h1 = st.dates(min_value=__import__("datetime").date(2024, 1, 1),
                     max_value=__import__("datetime").date(2024, 6, 30))  # fmt: skip


@st.composite
def half_year(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Meetings of 2024-H1 with summed figures, directives and updates of earlier ones."""
    records: list[dict[str, Any]] = []
    for n in range(draw(st.integers(min_value=1, max_value=6))):
        day = draw(day_in_h1)
        figures = [{"label": draw(st.sampled_from(["Số hội viên mới", "số hội viên  mới",
                                                   "Số lượt tuyên truyền"])),
                    "value": draw(st.integers(min_value=0, max_value=5000)), "unit": "người"}
                   for _ in range(draw(st.integers(min_value=0, max_value=3)))]  # fmt: skip
        earlier = [r for r in records if r["date"] <= day.isoformat() and r["directives"]]
        updates = [{"directive": f"{r['id']}#1",
                    "status": draw(st.sampled_from(["in_progress", "done", "assigned"]))}
                   for r in earlier if draw(st.booleans())]  # fmt: skip
        records.append({
            "id": f"m{n}", "title": f"Hội nghị {n}", "kind": "briefing",
            "convened_by": "Thường trực Tỉnh ủy", "chairs": [{"name": "A"}],
            "date": day.isoformat(), "time": f"{8 + n:02d}:00",
            "results": {"by_organization": [{"organization": draw(st.sampled_from(
                ["Hội Nông dân tỉnh", "Hội nông dân  tỉnh", "Tỉnh Đoàn"])), "figures": figures}]},
            "directives": [{"content": f"Nhiệm vụ {n}", "deadline": draw(day_in_h1).isoformat()}],
            "directive_updates": updates,
        })  # fmt: skip
    return records


@settings(max_examples=int(os.environ.get("GIAOBAN_SPLIT_EXAMPLES", "30")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(records=half_year())
def test_two_quarters_add_up_to_their_half_year(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]]
) -> None:
    from generator.documents.aggregation import build_digest, key
    from generator.model.periods import parse_period
    from generator.model.settings import Settings

    folder = tmp_path_factory.mktemp("split")
    (folder / "giaoban.yaml").write_text(yaml.safe_dump(SETTINGS, allow_unicode=True), "utf-8")
    paths = []
    for record in records:
        path = folder / f"{record['id']}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
        paths.append(path)
    loaded = validate(paths)
    settings = Settings.model_validate(SETTINGS)
    half, q1, q2 = (build_digest(loaded, parse_period(p), settings)
                    for p in ("2024-H1", "2024-Q1", "2024-Q2"))  # fmt: skip

    def sums(d: Any) -> dict[tuple[str, str], int]:
        return {(key(g.organization), key(t.label)): t.value
                for g in d.results_by_organization for t in g.figure_totals}  # fmt: skip

    whole, first, second = sums(half), sums(q1), sums(q2)
    for name in set(first) | set(second):
        assert whole[name] == first.get(name, 0) + second.get(name, 0), name
    assert set(whole) == set(first) | set(second)
    later = {e.key: e.status for e in q2.directives}
    for entry in half.directives:
        # Seen at the same end date, a directive has the same status in both reports;
        # one missing from Q2 was done before Q2 began.
        assert later.get(entry.key, S.DONE) is entry.status, entry.key
