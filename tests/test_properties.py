"""Property tests: any input gives a result or a clear user error, never a traceback."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import InputError, validate
from generator.inputs.loading import load_yaml
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
