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
        "vi": "lỗi cú pháp YAML ({problem}); hãy kiểm tra thụt lề và dấu nháy ở đây",
    },
    "yaml_colon_in_text": {
        "en": "a text here holds ': ', which YAML reads as a new field; put the whole text in "
        'quotes: key: "… : …"',
        "vi": "đoạn văn ở đây có dấu ': ', YAML hiểu là một trường mới; hãy đặt cả đoạn văn trong "
        'dấu nháy kép: khóa: "… : …"',
    },
    "yaml_indentation": {
        "en": "this line is not indented like the lines of its list or group: align it with "
        "them (a list item '- ' under its key, the fields of an item under each other)",
        "vi": "dòng này thụt lề không thẳng với các dòng cùng danh sách hay nhóm: hãy căn cho "
        "thẳng (mục '- ' nằm dưới khóa của nó, các trường của một mục thẳng hàng nhau)",
    },
    "yaml_unclosed_quote": {
        "en": "a quoted text is not closed: add the closing quote",
        "vi": "đoạn văn trong dấu nháy chưa đóng: hãy thêm dấu nháy đóng",
    },
    "text_with_colon": {
        "en": "this text holds ': ', which YAML reads as 'key: value'; put the text in quotes: "
        "{line}",
        "vi": "đoạn văn có dấu ': ' nên YAML hiểu là 'khóa: giá trị'; hãy đặt đoạn văn trong dấu "
        "nháy kép: {line}",
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
        "en": "field names must be text; {key} is not",
        "vi": "tên trường phải là chữ; {key} không phải",
    },
    "complex_key": {
        "en": "a list or mapping is used as a field name here; write 'name: value'",
        "vi": "dùng danh sách hoặc nhóm trường làm tên trường ở đây; hãy viết 'tên: giá trị'",
    },
    "too_many_values": {
        "en": "the file expands to more than {limit} values (repeated anchors?); simplify it",
        "vi": "tệp bung ra quá {limit} giá trị (lặp neo/alias?); hãy viết đơn giản lại",
    },
    "too_much_text": {
        "en": "the file expands to more than {limit} characters of text (an anchor repeated "
        "with *alias?); write the text out once",
        "vi": "tệp bung ra quá {limit} ký tự (một neo & được lặp lại bằng *alias?); hãy chỉ "
        "viết đoạn văn một lần",
    },
    "recursive_alias": {
        "en": "this alias (*name) refers to the list or mapping that contains it, which would "
        "never end; write the value out instead",
        "vi": "alias (*tên) này trỏ tới chính danh sách hay nhóm trường chứa nó, sẽ lặp vô tận; "
        "hãy viết giá trị ra",
    },
    "control_char": {
        "en": "the text holds the invisible control character U+{code} (pasted from another "
        "program?), which no document can print; delete it",
        "vi": "đoạn văn chứa ký tự điều khiển vô hình U+{code} (dán từ chương trình khác?), "
        "văn bản không in được; hãy xóa nó",
    },
    "not_finite": {
        "en": "{value} is not a number a document can print; write a figure",
        "vi": "{value} không phải con số in được trong văn bản; hãy ghi một số",
    },
    "not_a_file": {
        "en": "not a regular file (a folder, pipe or device?); name a .yaml file",
        "vi": "không phải tệp thông thường (thư mục, pipe hay thiết bị?); hãy ghi tên tệp .yaml",
    },
    "utf32": {
        "en": "the file is UTF-32, not UTF-8; save it as UTF-8",
        "vi": "tệp đang ở mã UTF-32, không phải UTF-8; hãy lưu lại dạng UTF-8",
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
        "“{excerpt}”; nếu đúng, thêm vào known_words trong tệp thiết lập",
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
    "bad_format": {
        "en": "{value!r} is not a line giaoban can fill: write text with the fields {allowed} "
        "only, each as {{name}} (no numbers, no ':' formats, no lone braces)",
        "vi": "{value!r} không điền được: chỉ viết chữ và các trường {allowed}, mỗi trường dạng "
        "{{tên}} (không số thứ tự, không định dạng ':', không ngoặc lẻ)",
    },
    "no_such_day": {
        "en": "{value!r}: that month has no such day; check the day and the month",
        "vi": "{value!r}: tháng đó không có ngày này; hãy kiểm tra ngày và tháng",
    },
    "date_range": {
        "en": "{value!r} is outside the years {first}–{last} giaoban accepts; check the year",
        "vi": "{value!r} nằm ngoài khoảng năm {first}–{last} giaoban nhận; hãy kiểm tra năm",
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
    "organization_close": {
        "en": "'{name}' is close to '{known}' of the settings but not the same; write it the same "
        "way, or add it to its aliases, or the digest counts two organizations",
        "vi": "'{name}' gần giống '{known}' trong thiết lập nhưng không trùng; hãy viết giống hệt, "
        "hoặc thêm vào aliases của đơn vị đó, nếu không báo cáo sẽ tính thành hai đơn vị",
    },
    "figure_two_units": {
        "en": "'{label}' is given in '{unit}' here and in another unit at {other}; the digest "
        "lists them apart: use one unit",
        "vi": "'{label}' ở đây tính bằng '{unit}', ở {other} tính bằng đơn vị khác; báo cáo sẽ "
        "liệt kê riêng: hãy dùng một đơn vị",
    },
    "duplicate_directive": {
        "en": "directive id '{key}' is also used at {other}; give each directive its own id",
        "vi": "mã nhiệm vụ '{key}' đã dùng ở {other}; mỗi nhiệm vụ cần một mã riêng",
    },
    "update_before_directive": {
        "en": "this update ({date}) is older than directive '{key}', given on {given}; an update "
        "goes in a record of a later meeting",
        "vi": "cập nhật này ({date}) có trước nhiệm vụ '{key}', giao ngày {given}; cập nhật phải "
        "ghi trong hồ sơ của cuộc họp sau đó",
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
    "left_out_before": {
        "en": "{count} record(s) dated before {period} left out (they count only for directives "
        "still open): {names}",
        "vi": "{count} hồ sơ trước {period} không đưa vào (chỉ dùng cho các nhiệm vụ chưa hoàn "
        "thành): {names}",
    },
    "left_out_after": {
        "en": "{count} record(s) dated after {period} left out (a review of {period} among them "
        "is reported in its own part): {names}",
        "vi": "{count} hồ sơ sau {period} không đưa vào (hội nghị sơ kết, tổng kết của {period} "
        "được báo cáo ở phần riêng): {names}",
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
        "en": "no settings file '{name}' beside this record or in a folder above it; make one "
        "with 'giaoban init FOLDER' (or write {name} by hand), or pass --settings FILE",
        "vi": "không có tệp thiết lập '{name}' cạnh hồ sơ này hay ở thư mục cha; hãy tạo bằng "
        "'giaoban init THƯ_MỤC' (hoặc tự viết {name}), hoặc dùng --settings TỆP",
    },
    "profile_not_found": {
        "en": "format profile '{name}' not found (a path is relative to {folder}); available: "
        "{available}, or give the path of a profile .yaml file",
        "vi": "không có mẫu thể thức '{name}' (đường dẫn tính từ thư mục {folder}); hiện có: "
        "{available}, hoặc ghi đường dẫn tệp .yaml của mẫu",
    },
    # templates
    "template_outside": {
        "en": "template '{name}' is a link to {target}, outside the templates folder; copy the "
        "file into the folder instead",
        "vi": "mẫu '{name}' là liên kết tới {target}, nằm ngoài thư mục mẫu; hãy chép tệp vào "
        "thư mục mẫu",
    },
    "template_unsafe": {
        "en": "the template does something templates may not do ({detail}); templates lay out "
        "the record's values with the documented filters only",
        "vi": "mẫu làm việc mẫu không được phép ({detail}); mẫu chỉ trình bày giá trị của hồ sơ "
        "bằng các bộ lọc đã nêu trong hướng dẫn",
    },
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
    "fixed_no_backup": {
        "en": "{path}: {lines} line(s) converted",
        "vi": "{path}: đã chuyển {lines} dòng",
    },
    "nothing_to_fix": {
        "en": "{path}: nothing to convert (the text is Unicode already); the file is unchanged",
        "vi": "{path}: không có gì cần chuyển (văn bản đã là Unicode); tệp giữ nguyên",
    },
    "render_summary": {
        "en": "{count} file(s) written to {out}",
        "vi": "đã ghi {count} tệp vào {out}",
    },
    "exists": {
        "en": "{paths} already exist(s); giaoban never overwrites: move it away or choose "
        "another folder (for a second record of a day: giaoban new --id NAME)",
        "vi": "đã có {paths}; giaoban không ghi đè: hãy chuyển tệp đi hoặc chọn thư mục khác "
        "(hồ sơ thứ hai trong ngày: giaoban new --id TÊN)",
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
        "vi": "hãy điền các trường còn trống, rồi chạy: giaoban validate {path}",
    },
    "variant_no_transparency": {
        "en": "a digest cannot be written as {value}: its chart is drawn with transparency, which "
        "PDF/A-1 forbids; use pdf/a-2b, the archive form that allows it",
        "vi": "báo cáo định kỳ không ghi được dạng {value}: biểu đồ dùng độ trong suốt mà PDF/A-1 "
        "không cho phép; hãy dùng pdf/a-2b, dạng lưu trữ cho phép điều đó",
    },
    "no_distributed": {
        "en": "--scheduler needs dask.distributed: pip install 'giaoban[distributed]'",
        "vi": "--scheduler cần dask.distributed: pip install 'giaoban[distributed]'",
    },
    "unknown_membership": {
        "en": "'{value}' is no way of counting meetings; use one of: {known}",
        "vi": "'{value}' không phải cách tính hội nghị; hãy dùng một trong: {known}",
    },
    "unknown_variant": {
        "en": "unknown PDF variant '{value}'; choose one of {known}",
        "vi": "không có dạng PDF '{value}'; hãy chọn một trong {known}",
    },
    "sample_value": {
        "en": "{field} still holds the sample value '{value}' that giaoban init wrote; write your "
        "own in giaoban.yaml",
        "vi": "{field} vẫn là giá trị mẫu '{value}' do giaoban init ghi; hãy ghi thông tin của "
        "cơ quan mình vào giaoban.yaml",
    },
    "sign_mode_unknown": {
        "en": "signing mode '{mode}' has no form in the format profile '{profile}' (it gives "
        "{known}); choose one of those, or a profile that gives this form",
        "vi": "cách ký '{mode}' không có mẫu trong mẫu thể thức '{profile}' (chỉ có {known}); "
        "hãy chọn một trong số đó, hoặc dùng mẫu thể thức có cách ký này",
    },
    "templates_too_big": {
        "en": "templates: the folder {path} holds more than {limit} files; name a folder that "
        "holds only your templates",
        "vi": "templates: thư mục {path} có hơn {limit} tệp; hãy ghi thư mục chỉ chứa mẫu của bạn",
    },
    "templates_not_found": {
        "en": "templates: the folder {path} does not exist",
        "vi": "templates: không có thư mục {path}",
    },
    "kept": {"en": "up to date: {path}", "vi": "vẫn mới: {path}"},
    "reason_new": {"en": "not written before", "vi": "chưa kết xuất lần nào"},
    "reason_changed": {
        "en": "the record, settings, profile, templates or options changed",
        "vi": "hồ sơ, thiết lập, mẫu thể thức, mẫu văn bản hoặc tùy chọn đã thay đổi",
    },
    "reason_output_changed": {
        "en": "the file was edited, replaced or deleted since it was written",
        "vi": "tệp đã bị sửa, thay hoặc xóa sau khi ghi",
    },
    "reason_forced": {"en": "--force", "vi": "--force"},
    "reason_no_settings": {"en": "no settings found yet", "vi": "chưa tìm thấy thiết lập"},
    "checked": {"en": "ok {path} (id {id})", "vi": "đạt {path} (mã {id})"},
    "elapsed": {"en": "done in {seconds} s", "vi": "xong trong {seconds} giây"},
    "watch_round": {
        "en": "[{time}] {count} file(s) written, {kept} up to date; watching for changes "
        "(Ctrl+C to stop)",
        "vi": "[{time}] đã ghi {count} tệp, {kept} tệp vẫn mới; đang theo dõi thay đổi "
        "(Ctrl+C để dừng)",
    },
    "watch_failed": {
        "en": "[{time}] nothing written; fix the problems above, the watch goes on",
        "vi": "[{time}] chưa ghi tệp nào; hãy sửa các lỗi trên, lệnh vẫn đang theo dõi",
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
    "doctor_profiles": {"en": "profiles", "vi": "mẫu thể thức"},
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
    # command-line help (each command's text, then its examples after a \b line)
    "help_cli": {
        "en": "Meeting records (YAML) to standard-format documents (DOCX and PDF).\n\n"
        "\b\nExamples:\n  giaoban init ho-so\n  giaoban validate records/\n"
        "  giaoban render records/ --doc tb,bc\n  giaoban digest records/ --period 2024-Q3",
        "vi": "Từ hồ sơ hội nghị (YAML) ra văn bản đúng thể thức (DOCX và PDF).\n\n"
        "\b\nVí dụ:\n  giaoban init ho-so\n  giaoban validate records/\n"
        "  giaoban render records/ --doc tb,bc\n  giaoban digest records/ --period 2024-Q3",
    },
    "help_validate": {
        "en": "Check records (files or folders) and their settings; print every finding as "
        "file:line:col: error|warning: message, grouped per file, then a count.\n\n"
        "\b\nExamples:\n  giaoban validate records/\n"
        "  giaoban validate --strict --json records/2024-09-25.yaml",
        "vi": "Kiểm tra hồ sơ (tệp hoặc thư mục) và thiết lập; in từng lỗi, cảnh báo dạng "
        "tệp:dòng:cột: error|warning: nội dung, theo từng tệp, rồi tổng số.\n\n"
        "\b\nVí dụ:\n  giaoban validate records/\n"
        "  giaoban validate --strict --json records/2024-09-25.yaml",
    },
    "help_fix": {
        "en": "Convert TCVN3/VNI (legacy) and non-NFC text in records to Unicode, in place; "
        "comments and layout are kept, the original is kept as FILE.bak.\n\n"
        "\b\nExample:\n  giaoban fix records/2009-04-01.yaml",
        "vi": "Chuyển chữ mã cũ (TCVN3/VNI) và chữ chưa chuẩn NFC trong hồ sơ sang Unicode, "
        "sửa ngay trong tệp; giữ nguyên chú thích và bố cục, bản gốc lưu thành TỆP.bak.\n\n"
        "\b\nVí dụ:\n  giaoban fix records/2009-04-01.yaml",
    },
    "help_render": {
        "en": "Render the documents of each record (files, or folders of records) into --out. "
        "Outputs already up to date are skipped.\n\n"
        "\b\nExamples:\n  giaoban render records/2024-09-25.yaml\n"
        "  giaoban render records/ --doc tb,bc --to pdf --profile nd30 --out out/\n"
        "  giaoban render records/ --pdf-variant pdf/a-2b --out luu-tru/",
        "vi": "Kết xuất văn bản của từng hồ sơ (tệp, hoặc thư mục hồ sơ) vào thư mục --out. "
        "Văn bản đã mới thì bỏ qua.\n\n"
        "\b\nVí dụ:\n  giaoban render records/2024-09-25.yaml\n"
        "  giaoban render records/ --doc tb,bc --to pdf --profile nd30 --out out/\n"
        "  giaoban render records/ --pdf-variant pdf/a-2b --out luu-tru/",
    },
    "help_digest": {
        "en": "Render the periodic report of every meeting held in --period. RECORDS are "
        "files or folders; records before the period count for directives still open.\n\n"
        "\b\nExamples:\n  giaoban digest records/ --period 2024-Q3\n"
        "  giaoban digest records/ --period 2024 --to pdf --number 12 --date 2025-01-05",
        "vi": "Tạo báo cáo định kỳ tổng hợp mọi hội nghị trong kỳ --period. HỒ SƠ là tệp hoặc "
        "thư mục; hồ sơ trước kỳ được tính cho các nhiệm vụ chưa hoàn thành.\n\n"
        "\b\nVí dụ:\n  giaoban digest records/ --period 2024-Q3\n"
        "  giaoban digest records/ --period 2024 --to pdf --number 12 --date 2025-01-05",
    },
    "help_watch": {
        "en": "Render, then render again whenever a record, the settings, a profile or a "
        "template changes; errors are printed and the watch goes on (Ctrl+C to stop).\n\n"
        "\b\nExample:\n  giaoban watch records/ --doc tb,bc",
        "vi": "Kết xuất văn bản, rồi kết xuất lại mỗi khi hồ sơ, thiết lập, mẫu thể thức hay mẫu "
        "văn bản thay đổi; lỗi được in ra và lệnh vẫn chạy tiếp (Ctrl+C để dừng).\n\n"
        "\b\nVí dụ:\n  giaoban watch records/ --doc tb,bc",
    },
    "help_init": {
        "en": "Create a working folder: settings, records/ with an example, templates/, a "
        "README and schemas/ for editors. Existing files are never overwritten.\n\n"
        "\b\nExamples:\n  giaoban init\n  giaoban init ho-so-2024",
        "vi": "Tạo thư mục làm việc: thiết lập, records/ có một hồ sơ ví dụ, templates/, hướng "
        "dẫn README và schemas/ cho trình soạn thảo. Không ghi đè tệp đã có.\n\n"
        "\b\nVí dụ:\n  giaoban init\n  giaoban init ho-so-2024",
    },
    "help_new": {
        "en": "Write a new record with every field explained, named from its date and kind.\n\n"
        "\b\nExamples:\n  giaoban new --kind briefing --date 2024-09-25\n"
        "  giaoban new --kind working_session --date 12/10/2024 --dir records/2024",
        "vi": "Tạo hồ sơ mới, có giải thích từng mục, đặt tên theo ngày và loại hội nghị.\n\n"
        "\b\nVí dụ:\n  giaoban new --kind briefing --date 2024-09-25\n"
        "  giaoban new --kind working_session --date 12/10/2024 --dir records/2024",
    },
    "help_schema": {
        "en": "Print the JSON Schema of records or of the settings (for editors and "
        "validators).\n\n\b\nExamples:\n  giaoban schema record > record.schema.json\n"
        "  giaoban schema settings",
        "vi": "In JSON Schema của hồ sơ hoặc của thiết lập (cho trình soạn thảo, công cụ kiểm "
        "tra).\n\n\b\nVí dụ:\n  giaoban schema record > record.schema.json\n"
        "  giaoban schema settings",
    },
    "help_doctor": {
        "en": "Report the fonts, libraries, profiles and templates giaoban will use; exit "
        "code 4 when something that degrades the documents or the speed is missing.\n\n"
        "\b\nExample:\n  giaoban doctor",
        "vi": "Cho biết phông chữ, thư viện, mẫu thể thức và mẫu văn bản sẽ dùng; mã thoát 4 "
        "nếu thiếu thứ làm giảm chất lượng văn bản hoặc tốc độ.\n\n"
        "\b\nVí dụ:\n  giaoban doctor",
    },
    "help_completion": {
        "en": "Print the shell completion script for bash, zsh or fish.\n\n"
        '\b\nExample (add to ~/.bashrc):\n  eval "$(giaoban completion bash)"',
        "vi": "In đoạn mã tự hoàn thành lệnh cho bash, zsh hoặc fish.\n\n"
        '\b\nVí dụ (thêm vào ~/.bashrc):\n  eval "$(giaoban completion bash)"',
    },
    "short_validate": {
        "en": "Check records and their settings.",
        "vi": "Kiểm tra hồ sơ và thiết lập.",
    },
    "short_fix": {
        "en": "Convert legacy-encoded text to Unicode.",
        "vi": "Chuyển chữ mã cũ (TCVN3, VNI) sang Unicode.",
    },
    "short_render": {"en": "Render the documents of records.", "vi": "Kết xuất văn bản từ hồ sơ."},
    "short_digest": {
        "en": "Render the periodic report of a period.",
        "vi": "Tạo báo cáo định kỳ của một kỳ.",
    },
    "short_watch": {
        "en": "Render again on every change.",
        "vi": "Tự kết xuất lại văn bản khi có thay đổi.",
    },
    "short_init": {"en": "Create a working folder.", "vi": "Tạo thư mục làm việc."},
    "short_new": {"en": "Write a new record to fill in.", "vi": "Tạo hồ sơ mới để điền."},
    "short_schema": {
        "en": "Print the JSON Schema for editors.",
        "vi": "In JSON Schema cho trình soạn thảo.",
    },
    "short_doctor": {
        "en": "Check fonts, libraries and templates.",
        "vi": "Kiểm tra phông chữ, thư viện, mẫu.",
    },
    "short_completion": {
        "en": "Print the shell completion script.",
        "vi": "In mã tự hoàn thành lệnh cho shell.",
    },
    "opt_lang": {"en": "Language of messages.", "vi": "Ngôn ngữ thông báo."},
    "opt_settings": {
        "en": "Settings file (default: the nearest giaoban.yaml beside or above each record).",
        "vi": "Tệp thiết lập (mặc định: giaoban.yaml gần nhất, cùng thư mục hoặc thư mục trên).",
    },
    "opt_to": {
        "en": "Output formats, comma-separated: docx, pdf.",
        "vi": "Định dạng kết quả, cách nhau bằng dấu phẩy: docx, pdf.",
    },
    "opt_doc": {
        "en": "Document types, comma-separated: tb (notice of conclusions), bc (report).",
        "vi": "Loại văn bản, cách nhau bằng dấu phẩy: tb (thông báo kết luận), bc (báo cáo).",
    },
    "opt_profile": {
        "en": "Format profile: hd36, nd30, or the path of a profile file (relative to the "
        "current folder; in giaoban.yaml, relative to that file).",
        "vi": "Mẫu thể thức: hd36, nd30, hoặc đường dẫn tệp mẫu riêng (tính từ thư mục hiện "
        "tại; trong giaoban.yaml thì tính từ thư mục của tệp đó).",
    },
    "opt_out": {"en": "Folder for the documents.", "vi": "Thư mục lưu văn bản."},
    "opt_quiet": {"en": "Print nothing but problems.", "vi": "Chỉ in lỗi và cảnh báo."},
    "opt_verbose": {
        "en": "Also print what was checked or left as it was, and the time taken.",
        "vi": "In thêm những gì đã kiểm tra hoặc giữ nguyên, và thời gian chạy.",
    },
    "opt_json": {
        "en": "Print the result as JSON on standard output (for scripts).",
        "vi": "In kết quả dạng JSON ra đầu ra chuẩn (cho các chương trình khác).",
    },
    "opt_strict": {
        "en": "Treat text warnings (typography, encodings) as errors.",
        "vi": "Coi cảnh báo về chữ (dấu câu, mã chữ) là lỗi.",
    },
    "opt_jobs": {
        "en": "Render with this many processes.",
        "vi": "Số tiến trình kết xuất văn bản song song.",
    },
    "opt_jobs_default": {"en": "the number of CPUs", "vi": "số CPU"},
    "opt_templates": {
        "en": "A folder of your templates, searched before the built-in ones (repeatable; "
        "relative to the current folder).",
        "vi": "Thư mục mẫu văn bản riêng, được tìm trước mẫu có sẵn (dùng được nhiều lần; tính "
        "từ thư mục hiện tại).",
    },
    "opt_variant": {
        "en": "Write the PDF as pdf/a-2b (archive copies), pdf/a-3b, pdf/ua-1 (accessible)… "
        "(WeasyPrint's variants).",
        "vi": "Ghi PDF dạng pdf/a-2b (bản lưu trữ), pdf/a-3b, pdf/ua-1 (hỗ trợ tiếp cận)… "
        "(các dạng của WeasyPrint).",
    },
    "opt_force": {
        "en": "Render again even the outputs that are up to date.",
        "vi": "Tạo lại cả những văn bản đã mới.",
    },
    "opt_period": {
        "en": "2024-Q3 (quarter), 2024-H1 / 2024-H2 (half), 2024-9M (nine months), 2024.",
        "vi": "2024-Q3 (quý), 2024-H1 / 2024-H2 (6 tháng), 2024-9M (9 tháng), 2024 (năm).",
    },
    "opt_number": {"en": "The report's registered number.", "vi": "Số văn bản của báo cáo."},
    "opt_report_date": {
        "en": "The report's date (YYYY-MM-DD or DD/MM/YYYY).",
        "vi": "Ngày của báo cáo (YYYY-MM-DD hoặc DD/MM/YYYY).",
    },
    "opt_no_backup": {
        "en": "Do not keep the original as FILE.bak.",
        "vi": "Không giữ bản gốc TỆP.bak.",
    },
    "opt_kind": {"en": "Kind of meeting.", "vi": "Loại hội nghị."},
    "opt_new_date": {
        "en": "Date of the meeting (YYYY-MM-DD or DD/MM/YYYY; default today).",
        "vi": "Ngày họp (YYYY-MM-DD hoặc DD/MM/YYYY; mặc định hôm nay).",
    },
    "opt_new_id": {
        "en": "The record's id and file name (default: the date and kind, with -2, -3… when "
        "taken).",
        "vi": "Mã và tên tệp của hồ sơ (mặc định: ngày và loại, thêm -2, -3… nếu đã có).",
    },
    "opt_scheduler": {
        "en": "Render on a dask.distributed cluster at this scheduler address (tcp://host:8786; "
        "needs giaoban[distributed]).",
        "vi": "Kết xuất trên cụm máy dask.distributed theo địa chỉ bộ điều phối này "
        "(tcp://máy:8786; cần giaoban[distributed]).",
    },
    "opt_by": {
        "en": "Which meetings count: 'date' (held in the period) or 'reviewed' (six-month and "
        "annual reviews count in the period they review).",
        "vi": "Tính hội nghị nào: 'date' (tổ chức trong kỳ) hoặc 'reviewed' (hội nghị sơ kết, "
        "tổng kết tính vào kỳ được sơ kết, tổng kết).",
    },
    "opt_dir": {
        "en": "Where to write it (default: records/ if it exists, else here).",
        "vi": "Nơi ghi tệp (mặc định: records/ nếu có, nếu không thì thư mục hiện tại).",
    },
}

#: click's own words (usage line, section titles, its errors), shown in Vietnamese
#: when the messages are; see ``generator/clihelp.py``.
CLICK_VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "default: {default}": "mặc định: {default}",
    "Aborted!": "Đã dừng!",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là thư mục.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
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
