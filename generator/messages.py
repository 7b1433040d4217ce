"""The one catalog of user-facing messages, in English and Vietnamese.

Code never builds user-facing sentences inline: it names a message and its
values, so a translation is a change to this file only. The language comes from
``GIAOBAN_LANG``, else from the locale (``vi*`` gives Vietnamese), else English.
"""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["en", "vi"]

CATALOG: dict[str, dict[Language, str]] = {
    # reading files
    "file_not_found": {
        "en": "file not found",
        "vi": "không tìm thấy tệp",
    },
    "file_unreadable": {
        "en": "cannot read the file: {reason}",
        "vi": "không đọc được tệp: {reason}",
    },
    "not_utf8": {
        "en": "the file is not UTF-8 text (byte {offset} is not; an old Windows or TCVN3 "
        "encoding?); save it as UTF-8",
        "vi": "tệp không phải văn bản UTF-8 (byte thứ {offset}; mã Windows cũ hay TCVN3?); "
        "hãy lưu lại dạng UTF-8",
    },
    "utf16": {
        "en": "the file is UTF-16, not UTF-8; save it as UTF-8 (in Notepad: Save as, Encoding: "
        "UTF-8)",
        "vi": "tệp đang ở mã UTF-16, không phải UTF-8; hãy lưu lại dạng UTF-8 (Notepad: Save as, "
        "Encoding: UTF-8)",
    },
    "too_big": {
        "en": "the file has {size} bytes, more than the {limit} a record may have; split it",
        "vi": "tệp có {size} byte, vượt giới hạn {limit} byte của một hồ sơ; hãy tách nhỏ",
    },
    "too_deep": {
        "en": "lists and fields are nested more than {limit} levels deep here; simplify it",
        "vi": "danh sách và trường lồng nhau quá {limit} cấp ở đây; hãy viết đơn giản lại",
    },
    "tab_indent": {
        "en": "a tab is used for indentation; YAML needs spaces",
        "vi": "dùng phím Tab để thụt lề; YAML cần dấu cách",
    },
    "yaml_syntax": {
        "en": "YAML syntax error: {problem}; check the indentation and quotes here",
        "vi": "lỗi cú pháp YAML: {problem}; hãy kiểm tra thụt lề và dấu nháy ở đây",
    },
    "empty_file": {
        "en": "the file is empty; it needs at least the required fields",
        "vi": "tệp rỗng; cần có ít nhất các trường bắt buộc",
    },
    "not_mapping": {
        "en": "the file must hold fields written as 'key: value', not {got}",
        "vi": "tệp phải gồm các trường dạng 'khóa: giá trị', không phải {got}",
    },
    "duplicate_key": {
        "en": "'{key}' is written twice (also at line {first_line}); keep only one",
        "vi": "'{key}' bị viết hai lần (cả ở dòng {first_line}); chỉ giữ một",
    },
    "non_string_key": {
        "en": "field names must be text; {key!r} is not",
        "vi": "tên trường phải là chữ; {key!r} không phải",
    },
    "too_many_values": {
        "en": "the file expands to more than {limit} values (repeated anchors?); simplify it",
        "vi": "tệp bung ra quá {limit} giá trị (lặp neo/alias?); hãy viết đơn giản lại",
    },
    # text hygiene
    "not_nfc": {
        "en": "{field}: text was not in Unicode NFC (precomposed) form; it is normalised for "
        "the documents: save the file again from a Unicode editor",
        "vi": "{field}: văn bản không ở dạng Unicode NFC (dựng sẵn); đã chuẩn hóa khi in: "
        "hãy lưu lại tệp bằng trình soạn thảo Unicode",
    },
    "legacy_text": {
        "en": "looks like {encoding} text, not Unicode: “{sample}” reads “{fixed}”; run "
        "'giaoban fix FILE' to convert it",
        "vi": "có vẻ là văn bản mã {encoding}, không phải Unicode: “{sample}” là “{fixed}”; "
        "chạy 'giaoban fix TỆP' để chuyển mã",
    },
    "no_space_after": {
        "en": "missing space after punctuation in “{excerpt}”",
        "vi": "thiếu dấu cách sau dấu câu trong “{excerpt}”",
    },
    "space_before": {
        "en": "space before punctuation in “{excerpt}”",
        "vi": "thừa dấu cách trước dấu câu trong “{excerpt}”",
    },
    "space_in_brackets": {
        "en": "space just inside brackets in “{excerpt}”",
        "vi": "thừa dấu cách trong ngoặc đơn ở “{excerpt}”",
    },
    "double_space": {
        "en": "doubled space in “{excerpt}”",
        "vi": "hai dấu cách liền nhau trong “{excerpt}”",
    },
    "no_break_space": {
        "en": "a no-break space (pasted from a web page) in “{excerpt}”; type a plain space",
        "vi": "dấu cách không ngắt (chép từ trang web) trong “{excerpt}”; hãy gõ dấu cách thường",
    },
    "lopsided_dash": {
        "en": "a dash with a space on one side only in “{excerpt}”",
        "vi": "dấu gạch nối chỉ có dấu cách một bên trong “{excerpt}”",
    },
    "straight_quote": {
        "en": 'straight quote " in “{excerpt}”; documents use “ and ”',
        "vi": 'dấu nháy thẳng " trong “{excerpt}”; văn bản dùng “ và ”',
    },
    "term_hyphen": {
        "en": "a term of office takes an en dash with spaces (2024 – 2029) in “{excerpt}”",
        "vi": "nhiệm kỳ viết với gạch ngang dài có cách (2024 – 2029) trong “{excerpt}”",
    },
    "glued_words": {
        "en": "“{token}” is no Vietnamese word: two words glued together (“{left} {right}”)? "
        "in “{excerpt}”",
        "vi": "“{token}” không phải một tiếng: hai từ bị dính (“{left} {right}”)? trong "
        "“{excerpt}”",
    },
    "not_a_syllable": {
        "en": "“{token}” is no Vietnamese syllable or known abbreviation (a typo?) in "
        "“{excerpt}”; add it to known_words in the settings if it is right",
        "vi": "“{token}” không phải tiếng Việt hay từ viết tắt đã biết (gõ nhầm?) trong "
        "“{excerpt}”; nếu đúng, thêm vào known_words trong tệp cấu hình",
    },
    # validating
    "missing": {
        "en": "required field '{field}' is missing",
        "vi": "thiếu trường bắt buộc '{field}'",
    },
    "unknown_field": {
        "en": "unknown field '{field}'{hint}",
        "vi": "trường không hợp lệ '{field}'{hint}",
    },
    "did_you_mean": {
        "en": "; did you mean '{suggestion}'?",
        "vi": "; có phải ý bạn là '{suggestion}'?",
    },
    "allowed_fields": {
        "en": "; allowed here: {allowed}",
        "vi": "; ở đây chỉ dùng: {allowed}",
    },
    "choice": {
        "en": "{value!r} is not allowed here; choose one of: {expected}",
        "vi": "{value!r} không hợp lệ; chọn một trong: {expected}",
    },
    "expected_type": {
        "en": "expected {expected}, got {got}",
        "vi": "cần {expected}, nhưng đây là {got}",
    },
    "invalid_date": {
        "en": "{value!r} is not a valid date; write it as YYYY-MM-DD or DD/MM/YYYY",
        "vi": "{value!r} không phải ngày hợp lệ; viết dạng YYYY-MM-DD hoặc DD/MM/YYYY",
    },
    "invalid_time": {
        "en": '{value!r} is not a valid time; write it as HH:MM (quoted: "14:00")',
        "vi": '{value!r} không phải giờ hợp lệ; viết dạng HH:MM (trong nháy: "14:00")',
    },
    "too_short": {
        "en": "needs at least {min_length} entry or entries",
        "vi": "cần ít nhất {min_length} mục",
    },
    "empty_text": {
        "en": "must not be empty",
        "vi": "không được để trống",
    },
    "bad_id": {
        "en": "{value!r} may hold only letters, digits, '.', '_' and '-', starting with a letter "
        "or digit",
        "vi": "{value!r} chỉ được gồm chữ cái không dấu, chữ số, '.', '_' và '-', bắt đầu bằng "
        "chữ hoặc số",
    },
    "number_range": {
        "en": "must be {op} {limit}",
        "vi": "phải {op} {limit}",
    },
    "bad_period": {
        "en": "{value!r} is not a period; write 2024-Q3, 2024-H1, 2024-H2, 2024-9M or 2024",
        "vi": "{value!r} không phải kỳ báo cáo; viết 2024-Q3, 2024-H1, 2024-H2, 2024-9M hoặc 2024",
    },
    "bad_value": {
        "en": "{detail}",
        "vi": "{detail}",
    },
    "concluder_not_chair": {
        "en": "'{name}' is not one of the chairs ({chairs}); use a chair's name exactly",
        "vi": "'{name}' không phải người chủ trì ({chairs}); hãy ghi đúng tên người chủ trì",
    },
    "date_outside_period": {
        "en": "meeting date {date} is outside the reviewed period {period} ({start} to {end}, "
        "plus {grace} days for meetings held after it); fix the date or the period",
        "vi": "ngày họp {date} nằm ngoài kỳ {period} ({start} đến {end}, cộng {grace} ngày cho "
        "hội nghị họp sau kỳ); hãy sửa ngày hoặc kỳ",
    },
    "unknown_document_type": {
        "en": "unknown document type '{doc}'; known types: {known}",
        "vi": "loại văn bản '{doc}' không có; các loại hiện có: {known}",
    },
    "unknown_directive": {
        "en": "no directive '{key}' among the records given up to this one; known: {known}",
        "vi": "không có nhiệm vụ '{key}' trong các hồ sơ tính đến hồ sơ này; hiện có: {known}",
    },
    "empty_period": {
        "en": "no meeting among the records given is dated in {period} ({start} to {end})",
        "vi": "không có hội nghị nào trong các hồ sơ đã cho diễn ra trong {period} "
        "({start} đến {end})",
    },
    "left_out": {
        "en": "{count} record(s) outside {period} left out (earlier ones count only for "
        "directives still open): {names}",
        "vi": "{count} hồ sơ ngoài {period} không đưa vào (hồ sơ trước kỳ chỉ dùng cho các "
        "nhiệm vụ chưa hoàn thành): {names}",
    },
    "no_yaml_found": {
        "en": "no record (.yaml) found in this folder",
        "vi": "không có hồ sơ (.yaml) nào trong thư mục này",
    },
    "signer_needs_body": {
        "en": "signing '{mode}' needs 'on_behalf_of' (the body signed for, e.g. BAN THƯỜNG VỤ)",
        "vi": "ký '{mode}' cần 'on_behalf_of' (tập thể được ký thay, ví dụ BAN THƯỜNG VỤ)",
    },
    # type names used in expected_type
    "type_text": {"en": "text", "vi": "chữ"},
    "type_number": {"en": "a number", "vi": "một số"},
    "type_whole_number": {"en": "a whole number", "vi": "một số nguyên"},
    "type_list": {"en": "a list (lines starting with '- ')", "vi": "một danh sách (dòng '- ')"},
    "type_mapping": {
        "en": "fields written as 'key: value'",
        "vi": "các trường dạng 'khóa: giá trị'",
    },
    "type_bool": {"en": "true or false", "vi": "true hoặc false"},
    "type_nothing": {"en": "nothing (an empty value)", "vi": "giá trị rỗng"},
    "type_other": {"en": "{name}", "vi": "{name}"},
    # settings and profiles
    "settings_not_found": {
        "en": "no settings file '{name}' beside this record or in a folder above it; copy "
        "examples/giaoban.yaml there and fill it in, or pass --settings FILE",
        "vi": "không có tệp cấu hình '{name}' cạnh hồ sơ này hay ở thư mục cha; hãy chép "
        "examples/giaoban.yaml vào đó rồi điền, hoặc dùng --settings TỆP",
    },
    "profile_not_found": {
        "en": "format profile '{name}' not found; available: {available}, or give the path of "
        "a profile .yaml file",
        "vi": "không có mẫu thể thức '{name}'; hiện có: {available}, hoặc ghi đường dẫn tệp "
        ".yaml của mẫu",
    },
    # templates
    "template_syntax": {
        "en": "template error: {detail}",
        "vi": "lỗi mẫu văn bản: {detail}",
    },
    "template_undefined": {
        "en": "the template uses a value the data does not have: {detail}",
        "vi": "mẫu văn bản dùng giá trị không có trong dữ liệu: {detail}",
    },
    "template_not_found": {
        "en": "template '{name}' not found; searched: {searched}",
        "vi": "không tìm thấy mẫu '{name}'; đã tìm ở: {searched}",
    },
    # command line and output
    "unknown_format": {
        "en": "unknown output format '{value}'; use {known}",
        "vi": "định dạng '{value}' không có; dùng {known}",
    },
    "unknown_doc": {
        "en": "unknown document type '{value}'; use {known}",
        "vi": "loại văn bản '{value}' không có; dùng {known}",
    },
    "output_failed": {
        "en": "cannot write {path}: {reason}",
        "vi": "không ghi được {path}: {reason}",
    },
    "fetch_refused": {
        "en": "the document refers to {urls}; giaoban reads only files in its template folders",
        "vi": "văn bản tham chiếu tới {urls}; giaoban chỉ đọc tệp trong các thư mục mẫu",
    },
    "duplicate_output": {
        "en": "this record would write {path}, as {other} does; give one of them another 'id'",
        "vi": "hồ sơ này sẽ ghi {path}, trùng với {other}; hãy đặt 'id' khác cho một trong hai",
    },
    "output_is_input": {
        "en": "the output {path} would overwrite an input file; choose another --out folder",
        "vi": "tệp kết quả {path} sẽ ghi đè tệp đầu vào; hãy chọn thư mục --out khác",
    },
    "internal_error": {
        "en": "internal error ({error}); nothing was left half-written. Please report it with "
        "the command you ran; set GIAOBAN_DEBUG=1 to see the details",
        "vi": "lỗi nội bộ ({error}); không có tệp nào bị ghi dở. Hãy báo lại kèm lệnh đã chạy; "
        "đặt GIAOBAN_DEBUG=1 để xem chi tiết",
    },
    "wrote": {
        "en": "wrote {path}",
        "vi": "đã ghi {path}",
    },
    "valid_summary": {
        "en": "{count} file(s) checked: {errors} error(s), {warnings} warning(s)",
        "vi": "đã kiểm tra {count} tệp: {errors} lỗi, {warnings} cảnh báo",
    },
    "problem_count": {
        "en": "{errors} error(s), {warnings} warning(s); nothing was written",
        "vi": "{errors} lỗi, {warnings} cảnh báo; chưa ghi tệp nào",
    },
    "fixed": {
        "en": "{path}: {lines} line(s) converted; original kept as {backup}",
        "vi": "{path}: đã chuyển {lines} dòng; bản gốc lưu tại {backup}",
    },
    "render_summary": {
        "en": "{count} file(s) written to {out}",
        "vi": "đã ghi {count} tệp vào {out}",
    },
    "exists": {
        "en": "{paths} already exist(s); giaoban never overwrites: move it away or choose "
        "another folder",
        "vi": "đã có {paths}; giaoban không ghi đè: hãy chuyển tệp đi hoặc chọn thư mục khác",
    },
    "created": {"en": "created {path}", "vi": "đã tạo {path}"},
    "init_next": {
        "en": "next: put your issuing body and signers in {settings}; the example renders as "
        "is (giaoban render {records}); a new meeting: giaoban new --date YYYY-MM-DD",
        "vi": "tiếp theo: ghi cơ quan ban hành, người ký vào {settings}; hồ sơ ví dụ tạo được "
        "văn bản ngay (giaoban render {records}); hội nghị mới: giaoban new --date YYYY-MM-DD",
    },
    "new_next": {
        "en": "fill in the empty fields, then: giaoban validate {path}",
        "vi": "hãy điền các mục còn trống, rồi chạy: giaoban validate {path}",
    },
    "unknown_variant": {
        "en": "unknown PDF variant '{value}'; choose one of {known}",
        "vi": "không có dạng PDF '{value}'; hãy chọn một trong {known}",
    },
    "templates_not_found": {
        "en": "templates: the folder {path} does not exist",
        "vi": "templates: không có thư mục {path}",
    },
    "up_to_date": {
        "en": "{count} file(s) in {out} already up to date (--force renders them again)",
        "vi": "{count} tệp trong {out} vẫn mới, không kết xuất lại (--force để kết xuất lại)",
    },
    # giaoban doctor
    "doctor_missing": {"en": "not installed", "vi": "chưa cài"},
    "doctor_versions": {"en": "versions", "vi": "phiên bản"},
    "doctor_subsetter": {"en": "font subsetting", "vi": "cắt gọn phông chữ"},
    "doctor_subsetter_ok": {
        "en": "HarfBuzz subsetter active (fast PDFs)",
        "vi": "đang dùng bộ cắt phông HarfBuzz (tạo PDF nhanh)",
    },
    "doctor_subsetter_missing": {
        "en": "libharfbuzz-subset not found: every PDF takes several times longer; install "
        "libharfbuzz-subset0 (scripts/install-system-packages.sh)",
        "vi": "thiếu libharfbuzz-subset: mỗi PDF chậm hơn nhiều lần; hãy cài libharfbuzz-subset0 "
        "(scripts/install-system-packages.sh)",
    },
    "doctor_no_fc_match": {
        "en": "fc-match not found: rules under headings in DOCX are sized by estimate; install "
        "fontconfig",
        "vi": "thiếu fc-match: độ dài đường kẻ trong DOCX chỉ ước lượng; hãy cài fontconfig",
    },
    "doctor_fonts": {"en": "fonts of profile {profile}", "vi": "phông chữ của mẫu {profile}"},
    "doctor_no_font": {
        "en": "none of {families} is installed: another font would be substituted; install "
        "fonts-liberation2 (scripts/install-system-packages.sh)",
        "vi": "chưa cài phông nào trong {families}: sẽ bị thay bằng phông khác; hãy cài "
        "fonts-liberation2 (scripts/install-system-packages.sh)",
    },
    "doctor_font_gaps": {
        "en": "{family} ({path}) lacks Vietnamese letters: {letters}",
        "vi": "{family} ({path}) thiếu chữ tiếng Việt: {letters}",
    },
    "doctor_font_ok": {
        "en": "{family} ({path}), covers Vietnamese",
        "vi": "{family} ({path}), đủ chữ tiếng Việt",
    },
    "doctor_profiles": {"en": "profiles", "vi": "mẫu định dạng"},
    "doctor_templates": {"en": "templates in {folder}", "vi": "mẫu văn bản trong {folder}"},
    "doctor_summary_ok": {
        "en": "everything giaoban needs is in place",
        "vi": "đã đủ mọi thứ giaoban cần",
    },
    "doctor_summary_bad": {
        "en": "{count} problem(s) degrade output or speed (see above)",
        "vi": "có {count} vấn đề làm giảm chất lượng hoặc tốc độ (xem ở trên)",
    },
    "progress_line": {
        "en": "[{done}/{total}] {item}",
        "vi": "[{done}/{total}] {item}",
    },
    "progress_bar": {
        "en": "rendering",
        "vi": "đang kết xuất",
    },
}

_current: Language | None = None


def _detect() -> Language:
    forced = os.environ.get("GIAOBAN_LANG", "")
    if forced in ("en", "vi"):
        return forced  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def set_language(language: Language | None) -> None:
    """Force a language (``None`` goes back to detecting it from the environment)."""
    global _current
    _current = language


def language() -> Language:
    return _current or _detect()


def message(msg_id: str, /, **values: object) -> str:
    """The message ``msg_id`` in the current language, with ``values`` filled in."""
    return CATALOG[msg_id][language()].format(**values)
