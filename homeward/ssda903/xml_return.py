"""The XML form of the SSDA903 return (``<EXPSSDA903><CHILD><HEADER>…<EPISODE>…``), as case
systems export it, turned into the same CSV tables the importer reads.

Parsed with defusedxml (no entity expansion, no external entities) and streamed one CHILD at a
time, so a file of several hundred megabytes is never held whole. The mapping follows the DfE
validator's own XML reader (csc-validator-be-903 ``ingress.read_xml_from_text``): CHILDID is
CHILD, PL is PLACE; reviews are AREVIEW, missing episodes AMISSING, previous permanence
PERMANENCE, adoption decisions AD_PLACED, all inside HEADER.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from homeward.domain.ssda903.codes import FILE_NAMES, TABLE_COLUMNS
from homeward.domain.ssda903.reader import ReturnFile

RENAMES = {"CHILDID": "CHILD", "PL": "PLACE"}
NESTED_IN_HEADER = {
    "AREVIEW": "Reviews",
    "AMISSING": "Missing",
    "OC2": "OC2",
    "PERMANENCE": "PrevPerm",
    "AD_PLACED": "PlacedAdoption",
}


class XmlReturnError(ValueError):
    pass


def _leaves(element: Any) -> dict[str, str]:
    return {
        RENAMES.get(node.tag, node.tag): (node.text or "").strip()
        for node in element.iter()
        if len(node) == 0
    }


def csv_files_from_xml(path: Path, folder: Path) -> list[ReturnFile]:
    """Write each table to a CSV file in ``folder`` (made if missing; the caller removes it when
    the import ends) and return them as the importer's files. Raises XmlReturnError (a
    ValueError) naming the line for malformed or unsafe XML."""
    folder.mkdir(parents=True, exist_ok=True)
    handles: dict[str, Any] = {}
    writers: dict[str, Any] = {}

    def write(table: str, values: dict[str, str]) -> None:
        if table not in writers:
            handle = (folder / FILE_NAMES[table]).open("w", newline="", encoding="utf-8")
            handles[table] = handle
            writers[table] = csv.writer(handle)
            writers[table].writerow(TABLE_COLUMNS[table])
        writers[table].writerow([values.get(c, "") for c in TABLE_COLUMNS[table]])

    children = 0
    try:
        with path.open("rb") as raw:
            for _event, element in iterparse(raw, events=("end",), forbid_dtd=True):
                if element.tag != "CHILD":
                    continue
                children += 1
                everything = _leaves(element)
                write("Header", everything)
                if everything.get("UASC"):
                    write("UASC", everything)
                if everything.get("IN_TOUCH"):
                    write("OC3", everything)
                if everything.get("DATE_INT"):
                    write("AD1", everything)
                for part in element:
                    if part.tag == "EPISODE":
                        write("Episodes", {**everything, **_leaves(part)})
                    elif part.tag == "HEADER":
                        for nested in part:
                            table = NESTED_IN_HEADER.get(nested.tag)
                            if table:
                                write(table, {**everything, **_leaves(nested)})
                element.clear()
    except DefusedXmlException as exc:
        raise XmlReturnError(f"{path.name}: refused unsafe XML ({exc})") from exc
    except Exception as exc:  # ParseError and friends: report where, never a stack trace
        position = getattr(exc, "position", None)
        where = f" at line {position[0]}, column {position[1]}" if position else ""
        raise XmlReturnError(f"{path.name}: the XML cannot be read{where}: {exc}") from exc
    finally:
        for handle in handles.values():
            handle.close()
    if children == 0:
        raise XmlReturnError(f"{path.name}: no <CHILD> elements: is this an SSDA903 XML return?")
    return [
        ReturnFile(FILE_NAMES[table], path=folder / FILE_NAMES[table])
        for table in TABLE_COLUMNS
        if table in writers
    ]
