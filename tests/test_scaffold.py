"""init, new and schema: a working folder, record skeletons, and JSON Schemas for editors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator import validate
from generator.cli.command import main
from generator.inputs.loading import load_yaml
from generator.model.schema import json_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def every_property(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(model, field, property schema) for the root and every definition."""
    found = [(schema["title"], n, p) for n, p in schema["properties"].items()]
    for name, definition in schema.get("$defs", {}).items():
        found += [(name, n, p) for n, p in definition.get("properties", {}).items()]
    return found


@pytest.mark.parametrize("kind", ["record", "settings"])
def test_every_field_has_a_vietnamese_description_and_an_example(kind: str) -> None:
    schema = json_schema(kind)  # type: ignore[arg-type]
    Draft202012Validator.check_schema(schema)
    assert schema["description"]
    for model, field, prop in every_property(schema):
        assert prop.get("description"), f"{model}.{field} has no description in fields.yaml"
        assert prop.get("examples"), f"{model}.{field} has no example in fields.yaml"
        field_schema = {"$defs": schema.get("$defs", {}), **prop}
        Draft202012Validator(field_schema).validate(prop["examples"][0])  # the example fits
    assert "Tên hội nghị" in json.dumps(schema, ensure_ascii=False) or kind == "settings"


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "record"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("record")


def test_the_example_records_and_settings_satisfy_the_exported_schemas() -> None:
    records = Draft202012Validator(json_schema("record"))
    for path in sorted((EXAMPLES / "records").glob("*.yaml")):
        errors = list(records.iter_errors(load_yaml(path).data))
        assert errors == [], f"{path.name}: {errors[0].message}"
    settings = Draft202012Validator(json_schema("settings"))
    assert list(settings.iter_errors(load_yaml(EXAMPLES / "giaoban.yaml").data)) == []


def test_the_schema_flags_what_validation_refuses(project: Path) -> None:
    data = load_yaml(project / "record.yaml").data
    records = Draft202012Validator(json_schema("record"))
    assert list(records.iter_errors(data)) == []
    for broken in ({**data, "chair": []}, {**data, "kind": "party"}, {**data, "date": "2024.9.25"}):
        assert list(records.iter_errors(broken)), broken


def schema_line(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    return (path.parent / match.group(1)).resolve()


def test_init_makes_a_folder_that_validates_and_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hồ sơ"
    assert main(["init", str(folder)]) == 0
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == ["README.md", "giaoban.yaml", "records/2024-09-25-giao-ban-quy-3.yaml",
                     "schemas/record.schema.json", "schemas/settings.schema.json",
                     "templates/README.md"]  # fmt: skip
    assert "Thư mục hồ sơ hội nghị" in (folder / "README.md").read_text(encoding="utf-8")
    assert "builtin/documents/tb.html.j2" in (folder / "templates" / "README.md").read_text()
    assert schema_line(folder / "giaoban.yaml") == folder / "schemas" / "settings.schema.json"
    record = folder / "records" / "2024-09-25-giao-ban-quy-3.yaml"
    assert schema_line(record) == folder / "schemas" / "record.schema.json"
    settings_text = (folder / "giaoban.yaml").read_text(encoding="utf-8")
    assert "# Cơ quan ban hành." in settings_text  # placeholders explained in Vietnamese
    (loaded,) = validate([folder / "records"])
    # Only the samples giaoban init wrote for the secretariat to replace are reported.
    assert [w.message.split(" still")[0] for w in loaded.warnings] == [
        "parent_body", "place", "signer.name"]  # fmt: skip
    assert all(w.position.path.name == "giaoban.yaml" and w.position.line > 0
               for w in loaded.warnings)  # fmt: skip
    capsys.readouterr()
    assert main(["render", str(folder / "records"), "--out", str(folder / "out"), "-q"]) == 0


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "giaoban.yaml").write_text("issuing_body: mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 5  # exists: a code of its own
    assert "giaoban.yaml" in capsys.readouterr().err
    assert (tmp_path / "giaoban.yaml").read_text(encoding="utf-8") == "issuing_body: mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["giaoban.yaml"]


def test_new_writes_a_skeleton_explaining_every_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["init", str(tmp_path)]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--kind", "working_session", "--date", "12/10/2024"]) == 0
    path = tmp_path / "records" / "2024-10-12-lam-viec.yaml"
    text = path.read_text(encoding="utf-8")
    assert schema_line(path) == tmp_path / "schemas" / "record.schema.json"
    schema = json_schema("record")
    for model, field, prop in every_property(schema):
        first_words = prop["description"].split(".")[0][:40]
        assert first_words in text, f"{model}.{field}: description missing"
        assert re.search(rf"^#?\s*-?\s*{field}:", text, re.MULTILINE), f"{model}.{field}"
    assert "kind: working_session" in text and "date: 2024-10-12" in text
    # Empty until filled in: validation names each field to fill.
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for field in ("title", "convened_by", "chairs[0].name"):
        assert f"error: {field}: expected text, got nothing" in err
    filled = (text.replace("\ntitle:\n", "\ntitle: Buổi làm việc với Hội Nông dân tỉnh\n")
              .replace("\nconvened_by:\n", "\nconvened_by: Thường trực Tỉnh ủy\n")
              .replace("  - name:\n", "  - name: Phạm Thị Tố Hải\n"))  # fmt: skip
    path.write_text(filled, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    # A second record of the same kind and day gets its own name; an id names it.
    assert main(["new", "--kind", "working_session", "--date", "2024-10-12"]) == 0
    assert (path.parent / "2024-10-12-lam-viec-2.yaml").is_file()
    assert main(["new", "--date", "2024-10-12", "--id", "chieu-12-10"]) == 0
    assert (path.parent / "chieu-12-10.yaml").is_file()
    assert main(["new", "--date", "2024-10-12", "--id", "chieu-12-10"]) == 5  # exists
    assert "giaoban never overwrites" in capsys.readouterr().err


def test_the_skeleton_stays_valid_yaml_when_its_commented_fields_are_uncommented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The skeleton says "xóa '# ' để dùng": doing exactly that never gives a syntax error."""
    import re

    from generator.inputs.loading import load_yaml

    assert main(["new", "--kind", "briefing", "--date", "2024-10-01", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "2024-10-01-giao-ban.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    field = re.compile(r"^# ?\s*(- )?[a-z_]+:( |$)|^#\s+- ")
    commented = [i for i, line in enumerate(lines) if field.match(line)]
    assert len(commented) > 30
    uncommented = [line[2:] if i in commented else line for i, line in enumerate(lines)]
    path.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    load_yaml(path)  # no syntax error: every block sits under its key


def test_the_schema_accepts_the_vietnamese_words_validate_accepts() -> None:
    import jsonschema

    from generator.model.schema import json_schema

    schema = json_schema("record")
    record = {"title": "Hội nghị", "kind": "Hội nghị giao ban", "convened_by": "Thường trực",
              "date": "2024-09-25", "part_of_day": "sáng", "level": "huyện",
              "chairs": [{"name": "A"}]}  # fmt: skip
    jsonschema.validate(record, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "part_of_day": "trưa"}, schema)
