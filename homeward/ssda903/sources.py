"""Turning what a user gives the importer (a folder, a CSV file, the XML return) into files."""

from __future__ import annotations

from pathlib import Path

from homeward.domain.ssda903.reader import ReturnFile


def sources_from_path(path: Path, workdir: Path) -> list[ReturnFile]:
    """The return's files at ``path``. An XML return is turned into CSV tables in ``workdir``,
    which the caller removes when the import ends (the tables hold the children's data).
    Raises ValueError with a message for a person."""
    if not path.exists():
        raise ValueError(f"{path} does not exist")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        xml = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
        if not files and xml:
            return sources_from_path(xml[0], workdir)
        if not files:
            raise ValueError(f"{path} holds no .csv files")
        return [ReturnFile(p.name, path=p) for p in files]
    if path.suffix.lower() == ".xml":
        from homeward.ssda903.xml_return import csv_files_from_xml

        return csv_files_from_xml(path, workdir)
    return [ReturnFile(path.name, path=path)]
