"""The formats Homeward keeps on a child's record, told by content (issue 17 item 5)."""

from __future__ import annotations

import io
import zipfile

import pytest

from homeward.domain import documents as d

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def ooxml(main: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/x.xml" ContentType="{main}"/></Types>',
        )
        z.writestr("x.xml", "<x/>")
    return out.getvalue()


DOCX = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("order.pdf", PDF, d.PDF),
        ("photo.png", PNG, d.PNG),
        ("photo.JPG", JPEG, d.JPEG),
        ("photo.jpeg", JPEG, d.JPEG),
        ("assessment.docx", DOCX, d.DOCX),
        ("contacts.xlsx", XLSX, d.XLSX),
        ("note.txt", "Notes from the visit, café\n".encode(), d.TEXT),
        ("list.csv", b"name,date\nvisit,2026-11-24\n", d.CSV),
        ("windows.csv", "r\xe9sum\xe9,1\r\n".encode("cp1252"), d.CSV),
    ],
)
def test_each_kept_format_is_recognised_by_its_content(name, content, expected) -> None:
    assert d.identify(name, io.BytesIO(content)) is expected


def test_a_format_homeward_does_not_keep_is_refused_naming_the_file_and_what_to_upload() -> None:
    with pytest.raises(d.Refused, match=r"setup\.exe is a \.exe file: upload a PDF, PNG"):
        d.identify("setup.exe", io.BytesIO(b"MZ\x90\x00"))
    with pytest.raises(d.Refused, match="README is a file with no extension"):
        d.identify("README", io.BytesIO(b"text"))


def test_a_name_that_disagrees_with_the_content_is_refused_saying_both() -> None:
    with pytest.raises(d.Refused, match=r"order\.pdf is named as a PDF but its content is a PNG"):
        d.identify("order.pdf", io.BytesIO(PNG))
    with pytest.raises(d.Refused, match=r"report\.docx .* content is an Excel workbook"):
        d.identify("report.docx", io.BytesIO(XLSX))
    with pytest.raises(d.Refused, match=r"note\.txt is named as a plain text file but its content"):
        d.identify("note.txt", io.BytesIO(b"\x00\x01binary"))


def test_a_zip_that_is_not_a_word_or_excel_package_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("payload.exe", "MZ")
    with pytest.raises(d.Refused, match="its content is not a Word document"):
        d.identify("letter.docx", io.BytesIO(out.getvalue()))


def test_the_file_is_left_at_its_start_for_whoever_reads_it_next() -> None:
    f = io.BytesIO(PDF)
    d.identify("x.pdf", f)
    assert f.tell() == 0


def test_types_are_defined_once_with_labels() -> None:
    assert d.TYPE_LABELS["life_story_photo"] == "Photo for life story work"
    assert [k for k, _ in d.DOCUMENT_TYPES][-1] == "other"
