"""Writing the SSDA903 return for one collection year from what Homeward holds.

The collection year ending 31 March YYYY (``--year YYYY``; 2027 is 2026-27) covers every child
looked after at any time from 1 April YYYY-1 to 31 March YYYY. Columns and codings are the
DfE's for that year (csc-validator-be-903 ``config.column_names``; SEX 1/2 before 2024-25).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db.models import Q, QuerySet

from homeward.children.models import Child, Episode
from homeward.domain.ssda903.codes import FILE_NAMES, REVIEW_CODE_FOR_VIEWS, TABLE_COLUMNS
from homeward.domain.ssda903.reader import DATE_FORMAT
from homeward.meetings.models import Meeting
from homeward.spreadsheets import safe_cell
from homeward.ssda903.models import (
    AdoptionAD1,
    CareLeaverOC3,
    MissingEpisode,
    OutcomesOC2,
    PlacedForAdoption,
    PreviousPermanence,
    Review,
)

EXPORTED_TABLES = tuple(FILE_NAMES)
SEX_BEFORE_2025 = {"M": "1", "F": "2"}  # csc-validator-be-903 rule 101, lac2022_23/lac2023_24


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year - 1, 4, 1), dt.date(year, 3, 31)


def _d(value: dt.date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def build_tables(year: int) -> dict[str, list[dict[str, str]]]:
    """Every table of the return for ``year``, as rows of column -> value."""
    start, end = year_bounds(year)
    in_year = Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    episodes = list(
        Episode.objects.filter(in_year)
        .select_related("child")
        .order_by("child__child_id", "start_date")
    )
    children = {e.child_id: e.child for e in episodes}
    # Care leavers in the OC3 cohort (17th to 21st birthday in the year) are in the header even
    # with no episode in the year (csc-validator-be-903 rules 1007, 1012).
    for leaver in Child.objects.filter(oc3__collection_year=year):
        children.setdefault(leaver.pk, leaver)
    # The same children as a subquery, so a 50,000-child return needs no huge IN list.
    child_ids = Child.objects.filter(
        Q(pk__in=Episode.objects.filter(in_year).values("child_id")) | Q(oc3__collection_year=year)
    ).values("pk")

    def sex(child: Child) -> str:
        return SEX_BEFORE_2025.get(child.sex, child.sex) if year < 2025 else child.sex

    def dob(child: Child) -> str:
        return _d(child.date_of_birth)

    ordered = sorted(children.values(), key=lambda c: c.child_id)
    tables: dict[str, list[dict[str, str]]] = {
        "Header": [
            {
                "CHILD": c.child_id,
                "SEX": sex(c),
                "DOB": dob(c),
                "ETHNIC": c.ethnicity,
                "UPN": c.upn,
                "MOTHER": _flag(c.is_mother),
                "MC_DOB": _d(c.mother_child_dob),
            }
            for c in ordered
        ],
        "Episodes": [
            {
                "CHILD": e.child.child_id,
                "DECOM": _d(e.start_date),
                "RNE": e.reason_new_episode,
                "LS": e.legal_status,
                "CIN": e.category_of_need,
                "PLACE": e.placement_type,
                "PLACE_PROVIDER": e.placement_provider,
                # An episode that ceased after the year end was still open at 31 March.
                "DEC": _d(e.end_date) if e.end_date and e.end_date <= end else "",
                "REC": e.reason_ceased if e.end_date and e.end_date <= end else "",
                "REASON_PLACE_CHANGE": e.reason_place_change
                if e.end_date and e.end_date <= end
                else "",
                "HOME_POST": e.home_postcode,
                "PL_POST": e.placement_postcode,
                "URN": e.urn,
            }
            for e in episodes
        ],
        "Reviews": _reviews(start, end, child_ids),
        "UASC": [
            {"CHILD": c.child_id, "SEX": sex(c), "DOB": dob(c), "DUC": _d(c.uasc_ceased_on)}
            for c in ordered
            if c.is_uasc
        ],
        "OC2": [
            {
                "CHILD": o.child.child_id,
                "DOB": dob(o.child),
                "SDQ_SCORE": o.sdq_score,
                "SDQ_REASON": o.sdq_reason,
                "CONVICTED": o.convicted,
                "HEALTH_CHECK": o.health_check,
                "IMMUNISATIONS": o.immunisations,
                "TEETH_CHECK": o.teeth_check,
                "HEALTH_ASSESSMENT": o.health_assessment,
                "SUBSTANCE_MISUSE": o.substance_misuse,
                "INTERVENTION_RECEIVED": o.intervention_received,
                "INTERVENTION_OFFERED": o.intervention_offered,
            }
            for o in OutcomesOC2.objects.filter(collection_year=year)
            .select_related("child")
            .order_by("child__child_id")
        ],
        "OC3": [
            {
                "CHILD": o.child.child_id,
                "DOB": dob(o.child),
                "IN_TOUCH": o.in_touch,
                "ACTIV": o.activity,
                "ACCOM": o.accommodation,
            }
            for o in CareLeaverOC3.objects.filter(collection_year=year)
            .select_related("child")
            .order_by("child__child_id")
        ],
        "AD1": [
            {
                "CHILD": a.child.child_id,
                "DOB": dob(a.child),
                "DATE_INT": _d(a.date_should_be_placed),
                "DATE_MATCH": _d(a.date_matched),
                "FOSTER_CARE": a.foster_carer_adoption,
                "NB_ADOPTR": a.number_of_adopters,
                "SEX_ADOPTR": a.sex_of_adopters,
                "LS_ADOPTR": a.legal_status_of_adopters,
            }
            for a in AdoptionAD1.objects.filter(child_id__in=_adopted_in(year, child_ids))
            .select_related("child")
            .order_by("child__child_id")
        ],
        "PlacedAdoption": [
            {
                "CHILD": p.child.child_id,
                "DOB": dob(p.child),
                "DATE_PLACED": _d(p.date_placed),
                "DATE_PLACED_CEASED": _d(p.date_placed_ceased)
                if p.date_placed_ceased and p.date_placed_ceased <= end
                else "",
                "REASON_PLACED_CEASED": p.reason_placed_ceased
                if p.date_placed_ceased and p.date_placed_ceased <= end
                else "",
            }
            for p in PlacedForAdoption.objects.filter(
                Q(date_placed_ceased__isnull=True) | Q(date_placed_ceased__gte=start),
                child_id__in=child_ids,
                date_placed__lte=end,
            )
            .select_related("child")
            .order_by("child__child_id", "date_placed")
        ],
        "PrevPerm": _previous_permanence(start, end, child_ids),
        "Missing": [
            {
                "CHILD": m.child.child_id,
                "DOB": dob(m.child),
                "MISSING": m.kind,
                "MIS_START": _d(m.start_date),
                "MIS_END": _d(m.end_date) if m.end_date and m.end_date <= end else "",
            }
            for m in MissingEpisode.objects.filter(
                child_id__in=child_ids, start_date__range=(start, end)
            )
            .select_related("child")
            .order_by("child__child_id", "start_date")
        ],
    }
    return tables


def _reviews(
    start: dt.date, end: dt.date, child_ids: QuerySet[Child, dict[str, Any]]
) -> list[dict[str, str]]:
    """The Reviews table: the reviews the return was imported with, and every Child in Care
    review held and recorded in Homeward in the year (its REVIEW_CODE from how the child's views
    were gathered, PN0 under 4). A review on a day the import already holds is not repeated."""
    rows: list[tuple[str, dt.date, str, Child]] = []
    imported: set[tuple[int, dt.date]] = set()
    for r in (
        Review.objects.filter(child_id__in=child_ids, review_date__range=(start, end))
        .select_related("child")
        .order_by("child__child_id", "review_date", "participation", "occurrence")
    ):
        imported.add((r.child_id, r.review_date))
        rows.append((r.child.child_id, r.review_date, r.participation, r.child))
    held = (
        Meeting.objects.filter(
            child_id__in=child_ids,
            type="cic_review",
            status=Meeting.Status.HELD,
            held_on__range=(start, end),
        )
        .select_related("child")
        .order_by("child__child_id", "held_on", "pk")
    )
    for meeting in held:
        assert meeting.held_on is not None  # a held meeting has its date (a constraint)
        key = (meeting.child_id, meeting.held_on)
        if key in imported:
            continue
        imported.add(key)
        age = meeting.child.age_on(meeting.held_on)
        code = (
            "PN0"
            if age is not None and age < 4
            else REVIEW_CODE_FOR_VIEWS.get(meeting.views_gathered, "PN7")
        )
        rows.append((meeting.child.child_id, meeting.held_on, code, meeting.child))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    return [
        {"CHILD": child_id, "DOB": _d(child.date_of_birth), "REVIEW": _d(day), "REVIEW_CODE": code}
        for child_id, day, code, child in rows
    ]


def _previous_permanence(
    start: dt.date, end: dt.date, child_ids: QuerySet[Child, dict[str, Any]]
) -> list[dict[str, str]]:
    """The PrevPerm table: one row for each child who started to be looked after in the year
    (an episode with RNE S), as the DfE asks (csc-validator-be-903 rules 630 and 634): what was
    recorded of permanence before care, or Z1, "no previous permanence order, or not known",
    when Homeward holds nothing (e.g. a child admitted in Homeward)."""
    started = (
        Child.objects.filter(
            pk__in=child_ids,
            episodes__reason_new_episode="S",
            episodes__start_date__range=(start, end),
        )
        .distinct()
        .select_related("previous_permanence")
        .order_by("child_id")
    )
    rows = []
    for child in started:
        try:
            known: PreviousPermanence | None = child.previous_permanence
        except PreviousPermanence.DoesNotExist:
            known = None
        kind = known.previous_permanence if known is not None else ""
        if kind and kind != "Z1":
            assert known is not None
            la, day = known.la_of_permanence, known.date_of_permanence
        else:
            kind, la, day = "Z1", "", ""
        rows.append(
            {
                "CHILD": child.child_id,
                "DOB": _d(child.date_of_birth),
                "PREV_PERM": kind,
                "LA_PERM": la,
                "DATE_PERM": day,
            }
        )
    return rows


def _adopted_in(year: int, child_ids: QuerySet[Child, dict[str, Any]]) -> list[int]:
    """Children whose care ended in adoption (REC E11/E12) during the year: AD1's population."""
    start, end = year_bounds(year)
    return list(
        Episode.objects.filter(
            child_id__in=child_ids,
            reason_ceased__in=["E11", "E12"],
            end_date__range=(start, end),
        ).values_list("child_id", flat=True)
    )


def csv_text(table: str, rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(TABLE_COLUMNS[table]), lineterminator="\n")
    writer.writeheader()
    # Free text that a spreadsheet would run as a formula is quoted (homeward.spreadsheets).
    writer.writerows({column: safe_cell(value) for column, value in row.items()} for row in rows)
    return out.getvalue()


def iter_files(year: int) -> Iterator[tuple[str, str, int]]:
    """(file name, CSV text, row count) for each table of the return."""
    for table, rows in build_tables(year).items():
        yield FILE_NAMES[table], csv_text(table, rows), len(rows)


def write_folder(year: int, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, text, rows in iter_files(year):
        (folder / name).write_text(text, encoding="utf-8")
        counts[name] = rows
    return counts


def zip_bytes(year: int) -> tuple[bytes, dict[str, int]]:
    buffer = io.BytesIO()
    counts = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text, rows in iter_files(year):
            archive.writestr(f"ssda903-{year - 1}-{str(year)[2:]}/{name}", text)
            counts[name] = rows
    return buffer.getvalue(), counts
