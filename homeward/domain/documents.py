"""What a document on a child's record may be: its types (defined once, for the model, the
forms and the demo) and the file formats Homeward keeps, recognised by their content (magic
bytes), never by the name or the content type a browser sends. Plain Python, no Django.

Issue 17 item 5 asks for one store of documents on the child's record (court orders,
assessments, reports, minutes, letters, photos for life story work: Durham's "Life story work",
002_a77630a273fce245.txt). A file whose name says one format and whose content is another is
refused: a renamed file is how a harmful one gets past a person who trusts the name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

# (key, label): the kinds of document on a child's record, in the order forms offer them.
DOCUMENT_TYPES: tuple[tuple[str, str], ...] = (
    ("court_order", "Court order"),
    ("assessment", "Assessment"),
    ("report", "Report"),
    ("minutes", "Minutes"),
    ("letter", "Letter"),
    ("life_story_photo", "Photo for life story work"),
    # A document of the permanence bundle a panel needs (issue 15 item 5), filed from the
    # child's Family finding tab with the source "bundle-item:<id>".
    ("permanence_bundle", "Permanence bundle document"),
    # The child's own plan as shared with them (issue 17 item 1), filed by the Plan tab's "My
    # plan" with the source "my-plan:<version id>".
    ("my_plan", "My plan (the child's version)"),
    ("other", "Other"),
)
TYPE_LABELS = dict(DOCUMENT_TYPES)
PERMANENCE_BUNDLE = "permanence_bundle"


@dataclass(frozen=True)
class FileFormat:
    key: str
    name: str  # as a sentence says it: "a PDF"
    content_type: str
    extensions: tuple[str, ...]


PDF = FileFormat("pdf", "a PDF", "application/pdf", (".pdf",))
PNG = FileFormat("png", "a PNG image", "image/png", (".png",))
JPEG = FileFormat("jpeg", "a JPEG image", "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileFormat(
    "docx",
    "a Word document (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileFormat(
    "xlsx",
    "an Excel workbook (.xlsx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
TEXT = FileFormat("text", "a plain text file", "text/plain", (".txt",))
CSV = FileFormat("csv", "a CSV file", "text/csv", (".csv",))
FORMATS = (PDF, PNG, JPEG, DOCX, XLSX, TEXT, CSV)
BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}
ACCEPTED = "PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), plain text or CSV"

# The main part of an Office Open XML package, as its [Content_Types].xml declares it.
_OOXML_MAIN = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_CONTENT_TYPES_LIMIT = 1024 * 1024  # a real [Content_Types].xml is a few KB
TEXT_SAMPLE = 64 * 1024  # how much of a text file is read to tell it is text
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}  # tab, line feed, form feed, carriage return


class Refused(ValueError):
    """A file Homeward does not keep, with why, in words a user can act on."""


def extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > 0 else ""


def _is_text(sample: bytes) -> bool:
    if not sample:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            # A sample may end inside a UTF-8 character: drop up to 3 trailing bytes then.
            text = _decode(sample, encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(c) in _CONTROL for c in text)
    return False


def _decode(sample: bytes, encoding: str) -> str:
    for cut in range(4):
        try:
            return sample[: len(sample) - cut].decode(encoding)
        except UnicodeDecodeError:
            if cut == 3 or len(sample) < TEXT_SAMPLE:
                raise
    raise UnicodeDecodeError(encoding, sample, 0, 1, "not text")  # pragma: no cover


def _ooxml(file: IO[bytes]) -> FileFormat | None:
    """A .docx or .xlsx: a zip whose [Content_Types].xml declares the Word or Excel main part."""
    try:
        with zipfile.ZipFile(file) as package:
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_LIMIT:
                return None
            declared = package.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return None
    for fmt, main in _OOXML_MAIN.items():
        if main in declared:
            return fmt
    return None


def sniff(file: IO[bytes]) -> FileFormat | None:
    """The format the content is (PDF, PNG, JPEG, .docx, .xlsx, text), or None for anything
    else. Text cannot be told from CSV by its bytes: it is reported as plain text. ``file`` is
    read from its start and left at its start."""
    file.seek(0)
    head = file.read(TEXT_SAMPLE)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _ooxml(file)
        if b"\x00" not in head and _is_text(head):
            return TEXT
        return None
    finally:
        file.seek(0)


def identify(filename: str, file: IO[bytes]) -> FileFormat:
    """The format of a file to keep: its name's extension must be one Homeward keeps and its
    content must be that format (a .csv or .txt must be text). Raises ``Refused`` saying what
    and why."""
    ext = extension(filename)
    named = BY_EXTENSION.get(ext)
    if named is None:
        what = f"a {ext} file" if ext else "a file with no extension"
        raise Refused(f"{filename} is {what}: upload a {ACCEPTED} file")
    found = sniff(file)
    if found is None:
        raise Refused(
            f"{filename} is named as {named.name} but its content is not {named.name} "
            f"or any other type Homeward keeps ({ACCEPTED}): it may be damaged or renamed"
        )
    if named in (TEXT, CSV) and found is TEXT:
        return named
    if found is not named:
        raise Refused(
            f"{filename} is named as {named.name} but its content is {found.name}: "
            f"rename it to end {found.extensions[0]}, or upload the right file"
        )
    return named
