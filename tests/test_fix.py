"""``giaoban fix`` never corrupts: valid UTF-8 is never decoded again, names in other
Latin languages stay, and the file, its backup, its mode, its link and its BOM are kept."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import InputError
from generator.cli.command import main
from generator.commands.fix import fix_file
from generator.vietnamese.encodings import tables

UNICODE_LINES = [
    "# Hồ sơ hội nghị, gõ bằng Unicode",
    "title: Hội nghị giao ban khối dân vận quý III",
    "place: Hội trường Tỉnh ủy",
    "note: ông Loïc Nguyễn và bà Hélène Dû",
]


def _tcvn3_bytes(text: str) -> bytes:
    """``text`` as a .VnTime font's file holds it (letters the table maps, the rest as is)."""
    letters = {letter: char for char, letter in tables().tcvn3.items() if len(letter) == 1}
    return "".join(letters.get(c, c) for c in text).encode("cp1252")


def _file(tmp_path: Path, raw: bytes, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_one_tcvn3_line_in_a_utf8_file_is_the_only_line_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = "chair: Chủ tịch ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    raw = b"\n".join([*(line.encode() for line in UNICODE_LINES), _tcvn3_bytes(legacy), b""])
    path = _file(tmp_path, raw)
    assert main(["fix", str(path)]) == 0
    assert "1 line converted" in capsys.readouterr().out
    assert path.read_text("utf-8").split("\n") == [*UNICODE_LINES, legacy, ""]
    assert (tmp_path / "r.yaml.bak").read_bytes() == raw


@pytest.mark.parametrize(
    "text",
    [
        "Loïc Nguyễn",
        "Jean Dû",
        "Bïa",
        "où, çà, là, hôtel, île, dû, mûr, pêche, Fête",
        "Noël, Anaïs, Zoë, Raphaël, naïve, Citroën",
    ],
)
def test_names_and_french_words_in_a_utf8_file_are_left_alone(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = f"title: Hội nghị\nnote: {text}\n".encode()
    path = _file(tmp_path, raw)
    assert main(["fix", str(path)]) == 0
    assert "nothing to convert" in capsys.readouterr().out
    assert path.read_bytes() == raw and not (tmp_path / "r.yaml.bak").exists()


@pytest.mark.parametrize(
    "line", ["note: où, çà, là, hôtel, île, dû, mûr, pêche, Fête", "note: Jean Dû"]
)
def test_a_cp1252_line_is_refused_by_its_number_and_nothing_is_touched(
    tmp_path: Path, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = b"title: H\xe1\xbb\x99i ngh\xe1\xbb\x8b\n" + line.encode("cp1252") + b"\n"
    path = _file(tmp_path, raw)
    assert main(["fix", str(path)]) == 1
    err = capsys.readouterr().err
    assert "r.yaml:2" in err and "line 2 is neither UTF-8 nor TCVN3/VNI" in err
    assert "giaoban fix" not in err  # never the advice to run the command just run
    assert path.read_bytes() == raw and not (tmp_path / "r.yaml.bak").exists()


def test_an_existing_backup_is_kept_and_the_next_free_name_used(tmp_path: Path) -> None:
    path = _file(tmp_path, b"title: " + _tcvn3_bytes("Hội nghị Ban Dân vận") + b"\n")
    for name, content in (("r.yaml.bak", b"first backup"), ("r.yaml.bak.1", b"second")):
        (tmp_path / name).write_bytes(content)
    result = fix_file(path)
    assert result.backup == tmp_path / "r.yaml.bak.2"
    assert (tmp_path / "r.yaml.bak").read_bytes() == b"first backup"
    assert (tmp_path / "r.yaml.bak.1").read_bytes() == b"second"
    assert path.read_text("utf-8") == "title: Hội nghị Ban Dân vận\n"


def test_the_backup_and_the_file_keep_a_private_mode(tmp_path: Path) -> None:
    path = _file(tmp_path, b"title: " + _tcvn3_bytes("Hội nghị Ban Dân vận") + b"\n")
    path.chmod(0o600)
    result = fix_file(path)
    assert result.backup is not None
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_link_stays_a_link_and_its_target_is_converted(tmp_path: Path) -> None:
    target = _file(tmp_path, b"title: " + _tcvn3_bytes("Hội nghị Ban Dân vận") + b"\n", "t.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    assert main(["fix", "--no-backup", str(link)]) == 0
    assert link.is_symlink() and link.readlink() == Path("t.yaml")
    assert target.read_text("utf-8") == "title: Hội nghị Ban Dân vận\n"


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbftitle: " + _tcvn3_bytes("Hội nghị Ban Dân vận") + b"\n"
    path = _file(tmp_path, raw)
    fix_file(path, backup=False)
    assert path.read_bytes() == "\ufefftitle: Hội nghị Ban Dân vận\n".encode()


def test_a_picture_is_called_binary_not_utf16(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 2
    path = _file(tmp_path, png, "photo.yaml")
    with pytest.raises(InputError, match="not text") as caught:
        fix_file(path)
    assert "UTF-16" not in str(caught.value)
    assert path.read_bytes() == png


# --- properties --------------------------------------------------------------------------

common = settings(
    max_examples=int(os.environ.get("GIAOBAN_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

VIETNAMESE = ["Hội", "nghị", "giao", "ban", "Tỉnh", "ủy", "Đồng", "Tháp", "Mặt", "trận",
              "Tổ", "quốc", "Việt", "Nam", "Dân", "vận", "chính", "trị", "xã", "hội", "người",
              "Nguyễn", "Phạm", "Thị", "Hải", "quý", "năm", "và", "của", "các", "đơn",
              "vị"]  # fmt: skip
FOREIGN = ["Loïc", "Jean", "Dû", "Bïa", "où", "çà", "là", "hôtel", "île", "dû", "mûr", "pêche",
           "Fête", "Noël", "Anaïs", "Zoë", "naïve", "Müller", "Zürich", "Bjørk", "Ørsted",
           "Gödel", "façade", "Ångström", "São", "Straße", "Œuvre", "Thérèse", "Hélène",
           "François", "José", "Peña", "Raúl", "Ibáñez", "Søren", "Åsa", "Jürgen"]  # fmt: skip
words = st.lists(st.sampled_from(VIETNAMESE) | st.sampled_from(FOREIGN), min_size=1, max_size=12)
separators = st.sampled_from([" ", ", ", "; ", " – ", " và "])
#: Any text at all in a comment: the conversion must leave what is not legacy alone.
comments = st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=30).map(
    lambda s: unicodedata.normalize("NFC", s)
)


@st.composite
def utf8_lines(draw: st.DrawFn) -> list[str]:
    lines = []
    for n in range(draw(st.integers(min_value=1, max_value=6))):
        text = draw(separators).join(draw(words))
        comment = draw(comments)
        scalar = yaml.safe_dump(text, allow_unicode=True, width=10**6).removesuffix("\n...\n")
        lines.append(f"f{n}: {scalar}" + (f"  # {comment}" if comment.strip() else ""))
    return lines


@common
@given(lines=utf8_lines())
def test_fix_is_the_identity_on_any_valid_utf8_file(tmp_path: Path, lines: list[str]) -> None:
    raw = ("\n".join(lines) + "\n").encode()
    path = _file(tmp_path, raw)
    try:
        result = fix_file(path)
    except InputError:
        assert path.read_bytes() == raw  # refused (a comment that breaks the YAML): untouched
        return
    assert result.changed_lines == 0 and path.read_bytes() == raw


@common
@given(lines=utf8_lines(), legacy=st.lists(st.sampled_from(VIETNAMESE), min_size=2, max_size=8),
       where=st.integers(min_value=0, max_value=6))  # fmt: skip
def test_in_a_mixed_file_the_utf8_lines_are_unchanged(
    tmp_path: Path, lines: list[str], legacy: list[str], where: int
) -> None:
    text = "Ban Dân vận " + " ".join(legacy)
    at = min(where, len(lines))
    raw_lines = [line.encode() for line in lines]
    raw_lines.insert(at, b"legacy: " + _tcvn3_bytes(text))
    raw = b"\n".join(raw_lines) + b"\n"
    path = _file(tmp_path, raw)
    try:
        fix_file(path, backup=False)
    except InputError as e:
        assert "neither UTF-8" not in str(e)  # only a comment that breaks the YAML
        assert path.read_bytes() == raw
        return
    after = path.read_text("utf-8").split("\n")
    assert after[:at] + after[at + 1 : -1] == lines
    assert after[at] == f"legacy: {text}"


def test_symbols_that_map_to_capitals_are_no_legacy_word(tmp_path: Path) -> None:
    """Found by the mixed-file property: a UTF-8 comment "# ¡¯" became "# ĂẰ" because
    TCVN3 maps both symbols to capitals, which passed as an acronym."""
    lines = [
        b"f0: H\xe1\xbb\x99i  # \xc2\xa1\xc2\xaf",
        b"legacy: " + _tcvn3_bytes("Ban Dân vận Hội"),
    ]
    raw = b"\n".join(lines) + b"\n"
    path = _file(tmp_path, raw)
    fix_file(path, backup=False)
    assert path.read_text("utf-8").split("\n")[:2] == ["f0: Hội  # ¡¯", "legacy: Ban Dân vận Hội"]


@pytest.mark.parametrize("comment", ["¡¯", "¡°", "¡° ¡°", "¸"])
def test_symbols_alone_are_no_evidence_of_legacy_text(tmp_path: Path, comment: str) -> None:
    raw = f"f0: Hội  # {comment}\n".encode()
    path = _file(tmp_path, raw)
    assert fix_file(path, backup=False).changed_lines == 0 and path.read_bytes() == raw


def test_a_word_the_same_in_both_readings_follows_its_neighbours(tmp_path: Path) -> None:
    """Found by the mixed-file property: in "quý ủy" saved in TCVN3, "quý" reads the same
    either way and was taken for Unicode, so "ñy" next to it stayed unconverted."""
    path = _file(tmp_path, b"legacy: " + _tcvn3_bytes("Ban Dân vận quý ủy") + b"\n")
    fix_file(path, backup=False)
    assert path.read_text("utf-8") == "legacy: Ban Dân vận quý ủy\n"


def test_a_line_typed_in_unicode_then_pasted_from_tcvn3_keeps_its_unicode(
    tmp_path: Path,
) -> None:
    """Found by review: a line with both UTF-8 and legacy bytes was read whole as
    Windows-1252, and its Unicode part became "Há»™i nghá»‹" (exit 0)."""
    raw = "title: Hội nghị ".encode() + _tcvn3_bytes("Ban Dân vận Tỉnh ủy Đồng Tháp") + b"\n"
    path = _file(tmp_path, raw)
    fix_file(path, backup=False)
    assert path.read_text("utf-8") == "title: Hội nghị Ban Dân vận Tỉnh ủy Đồng Tháp\n"


def test_a_western_line_beside_a_tcvn3_line_is_refused_not_converted(tmp_path: Path) -> None:
    """Found by review: the TCVN3 line's evidence converted the French line beside it
    ("Jean Dû, hôtel" → "Jean Dỷ, hụtel", exit 0). A line with words against it is
    judged alone: refused by its number, the file untouched."""
    tcvn3 = b"chair: " + _tcvn3_bytes("Chủ tịch ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    french = "note: Jean Dû, hôtel Métropole, pêche".encode("cp1252")
    raw = tcvn3 + b"\n" + french + b"\n"
    path = _file(tmp_path, raw)
    with pytest.raises(InputError, match="line 2"):
        fix_file(path, backup=False)
    assert path.read_bytes() == raw


def test_legacy_words_next_to_dashes_and_curly_quotes_are_converted_whole(
    tmp_path: Path,
) -> None:
    """Found by review: "kiÕn—kÕt" and "‘tæng kÕt’" were one word with the mark, and
    stayed half converted (exit 0)."""
    text = "ý kiến—kết luận của đồng chí Phạm Thị Tố Hải… ‘tổng kết’ 15%"
    path = _file(tmp_path, b"note: " + _tcvn3_bytes(text) + b"\n")
    fix_file(path, backup=False)
    assert path.read_text("utf-8") == f"note: {text}\n"
