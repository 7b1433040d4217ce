"""Templates: strict, autoescaped, overridable, with errors at the template's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import InputError, Renderer, render
from generator.cli.command import main
from generator.output.templating import make_environment, render_template

from conftest import RECORD, SETTINGS, write_yaml
from readback import docx_words, pdf_pages, pdf_words


def test_syntax_error_names_the_template_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "broken.html.j2").write_text("<p>ok</p>\n<p>{% if x %}</p>\n", encoding="utf-8")
    env = make_environment([tmp_path])
    with pytest.raises(InputError) as caught:
        render_template(env, "broken.html.j2", {"x": 1})
    (problem,) = caught.value.problems
    assert problem.position.path.name == "broken.html.j2"
    assert problem.position.line == 2


def test_undefined_value_names_the_template_line(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text("<p>a</p>\n\n<p>{{ missing.value }}</p>\n", "utf-8")
    env = make_environment([tmp_path])
    with pytest.raises(InputError) as caught:
        render_template(env, "t.html.j2", {})
    (problem,) = caught.value.problems
    assert problem.position.path.name == "t.html.j2"
    assert problem.position.line == 3
    assert "missing" in problem.message


def test_missing_template_lists_the_folders_searched(tmp_path: Path) -> None:
    env = make_environment([tmp_path])
    with pytest.raises(InputError, match=str(tmp_path)):
        render_template(env, "nope.html.j2", {})


def test_record_text_is_escaped_not_evaluated(project: Path) -> None:
    nasty = "{{ 7*7 }} <script>alert(1)</script> <b>đậm</b> & ]]>"
    write_yaml(project / "record.yaml", {**RECORD, "conclusions": [nasty]})
    outputs = render([project / "record.yaml"], out=project / "out").outputs
    for output in outputs:
        read = docx_words if output.format == "docx" else pdf_words
        text = " ".join(read(output.path))
        assert "{{ 7*7 }} <script>alert(1)</script> <b>đậm</b> & ]]>." in text


def summary_override(project: Path, summary: str) -> Renderer:
    """A renderer with a user template that changes only the TB's summary block."""
    folder = project / "templates" / "documents"
    folder.mkdir(parents=True)
    (folder / "tb.html.j2").write_text(
        '{% extends "builtin/documents/tb.html.j2" %}\n'
        f"{{% block summary %}}{summary}{{% endblock %}}\n",
        encoding="utf-8",
    )
    return Renderer([project / "templates"])


def test_user_template_overrides_one_block_of_a_builtin(project: Path) -> None:
    renderer = summary_override(project, "Kết luận riêng của văn phòng")
    (output,) = render(
        [project / "record.yaml"], formats=("pdf",), out=project / "out", renderer=renderer
    ).outputs
    assert "Kết luận riêng của văn phòng" in pdf_pages(output.path)[0]


def test_pdf_refuses_files_outside_the_template_folders(project: Path) -> None:
    renderer = summary_override(project, '<img src="file:///etc/passwd">x')
    with pytest.raises(InputError, match="file:///etc/passwd"):
        render([project / "record.yaml"], formats=("pdf",), out=project / "o", renderer=renderer)
    assert not (project / "o").exists()


RECIPIENTS_OVERRIDE = """{% extends "builtin/documents/tb.html.j2" %}
{% block recipients %}
<p class="recipients-label">Nơi nhận:</p>
<p class="recipient">- Như trên;</p>
<p class="recipient">- Lưu Văn phòng.</p>
{% endblock %}
"""


@pytest.mark.parametrize("how", ["settings", "option"])
def test_recipients_block_overridden_from_settings_or_option(project: Path, how: str) -> None:
    folder = project / "mẫu riêng" / "documents"
    folder.mkdir(parents=True)
    (folder / "tb.html.j2").write_text(RECIPIENTS_OVERRIDE, encoding="utf-8")
    args = ["render", str(project / "record.yaml"), "--out", str(project / "out"), "-q"]
    if how == "settings":
        write_yaml(project / "giaoban.yaml", {**SETTINGS, "templates": "mẫu riêng"})
    else:
        args += ["--templates", str(project / "mẫu riêng")]
    assert main(args) == 0
    for words in (pdf_words(project / "out" / "record.tb.pdf"),
                  docx_words(project / "out" / "record.tb.docx")):  # fmt: skip
        text = " ".join(words)
        assert "- Như trên; - Lưu Văn phòng." in text
        assert "Ban Thường vụ Tỉnh ủy (b/c)" not in text  # the settings' recipients are gone
        assert "Nguyễn Văn An" in text  # the signature block is untouched


def test_a_missing_templates_folder_in_the_settings_is_an_error(project: Path) -> None:
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "templates": "no-such-folder"})
    with pytest.raises(InputError, match=r"templates: the folder .*no-such-folder does not exist"):
        render([project / "record.yaml"], out=project / "out")
