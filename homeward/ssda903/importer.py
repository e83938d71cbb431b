"""Importing an SSDA903 return into the tracker.

Check everything first (``homeward.domain.ssda903.reader.check``, each file measured against
the installation's limits before it is parsed): any blocking problem and nothing is written.
Then write every table in one transaction, streaming the files a second time and upserting on
each table's natural key, so re-importing the same files changes nothing and a later year's
files update what changed. Progress during the write goes to the progress cache, which other
processes read while the transaction is open (``homeward.ssda903.progress``). Journey events are
read off the stored history (``homeward.domain.ssda903.journey``). Last, outside the
transaction, the DfE's own rules run over the same files and their failures are stored as data
quality, never blocking.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from homeward import bulk
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child, Episode, JourneyEvent
from homeward.domain.councils import profile_for
from homeward.domain.ssda903 import reader
from homeward.domain.ssda903.journey import DerivedEvent, EpisodeFacts, derive_events
from homeward.ssda903 import progress as live
from homeward.ssda903.models import (
    AdoptionAD1,
    CareLeaverOC3,
    DataQualityFailure,
    ImportRun,
    MissingEpisode,
    OutcomesOC2,
    PlacedForAdoption,
    PreviousPermanence,
    Review,
)
from homeward.timescales import ledger

BATCH = 2000
M = TypeVar("M", bound=models.Model)
Progress = Callable[[int, str], None]

# SEX was coded 1/2 before 2024-25 and M/F since (csc-validator-be-903 rule 101 by year);
# Homeward stores the current coding so every year reads the same.
SEX_CODING = {"1": "M", "2": "F"}


class ImportBlocked(Exception):
    def __init__(self, problems: list[reader.Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) stop the import")
        self.problems = problems


def _batches(items: Iterable[M], size: int = BATCH) -> Iterator[list[M]]:
    batch: list[M] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _upsert(
    model: type[M],
    rows: Iterable[M],
    unique: list[str],
    update: list[str],
    done: Callable[[int], None] | None = None,
) -> int:
    count = 0
    for batch in _batches(rows):
        if update:
            model.objects.bulk_create(
                batch, update_conflicts=True, unique_fields=unique, update_fields=update
            )
        else:
            model.objects.bulk_create(batch, ignore_conflicts=True)
        count += len(batch)
        if done is not None:
            done(count)
    return count


def _date(row: reader.Row, column: str) -> dt.date | None:
    return row.date(column)


class ReturnImporter:
    """Writes one checked return. Use ``import_return`` rather than this class directly."""

    def __init__(self, sources: list[reader.ReturnFile], checked: reader.CheckResult) -> None:
        self.sources = {s.name: s for s in sources}
        self.tables = {table: name for name, table in checked.tables.items()}
        self.year = 0
        self.child_pk: dict[str, int] = {}  # every child in the tracker, by child ID
        self.imported: list[int] = []  # the children this return holds
        self.counts: Counter[str] = Counter()
        self.sizes = checked.rows  # table -> data rows, for progress
        self.progress: Progress = _no_progress

    def rows(self, table: str) -> Iterator[reader.Row]:
        name = self.tables.get(table)
        if name is None:
            return iter(())
        return reader.read_rows(self.sources[name], table)

    def write(self, year: int, progress: Progress) -> dict[str, int]:
        """Write the checked return. The imported children's stored timescales are recomputed
        once, at the end, in the same transaction (``homeward.timescales.ledger``): events it
        removes one by one are only noted on the way."""
        self.progress = progress
        with ledger.deferred():
            with bulk.without_cycle_collection():  # as the ledger's own write
                self._write(year)
            message = "Working out each child's timescales"
            progress(80, message)
            ledger.recompute(
                self.imported,
                progress=lambda done, total: progress(80 + 5 * done // max(total, 1), message),
            )
        return dict(self.counts)

    def advance(self, table: str, start: int, end: int, message: str) -> Callable[[int], None]:
        """Progress from ``start`` to ``end`` per cent as a table's rows are written."""
        total = max(self.sizes.get(table, 0), 1)
        self.progress(start, message)
        return lambda done: self.progress(
            start + (end - start) * min(done, total) // total, message
        )

    def _write(self, year: int) -> None:
        self.year = year
        self.children()
        self.counts["episodes"] = bulk.upsert(
            Episode,
            EPISODE_FIELDS,
            self.episodes(),
            ["child_id", "start_date"],
            EPISODE_FIELDS[2:],
            self.advance("Episodes", 50, 60, "Writing episodes"),
        )
        self.counts["reviews"] = bulk.upsert(
            Review,
            REVIEW_FIELDS,
            self.reviews(),
            REVIEW_FIELDS,
            [],
            self.advance("Reviews", 60, 70, "Writing reviews"),
        )
        self.progress(70, "Writing the other tables")
        self.uasc()
        key = ["child_id", "collection_year"]
        self.counts["oc2"] = bulk.upsert(
            OutcomesOC2, [*key, *OC2_FIELDS], self.oc2(), key, OC2_FIELDS
        )
        oc3 = ["in_touch", "activity", "accommodation"]
        self.counts["oc3"] = bulk.upsert(CareLeaverOC3, [*key, *oc3], self.oc3(), key, oc3)
        self.counts["ad1"] = bulk.upsert(
            AdoptionAD1, ["child_id", *AD1_FIELDS], self.ad1(), ["child_id"], AD1_FIELDS
        )
        placed = ["date_placed_ceased", "reason_placed_ceased"]
        self.counts["placed_for_adoption"] = bulk.upsert(
            PlacedForAdoption,
            ["child_id", "date_placed", *placed],
            self.placed(),
            ["child_id", "date_placed"],
            placed,
        )
        perm = ["previous_permanence", "la_of_permanence", "date_of_permanence"]
        self.counts["previous_permanence"] = bulk.upsert(
            PreviousPermanence, ["child_id", *perm], self.prev_perm(), ["child_id"], perm
        )
        self.counts["missing"] = bulk.upsert(
            MissingEpisode,
            ["child_id", "start_date", "kind", "end_date"],
            self.missing(),
            ["child_id", "start_date"],
            ["kind", "end_date"],
        )
        self.progress(75, "Reading journeys off the history")
        self.journey_events()

    # --- Header and UASC ------------------------------------------------------------------

    def children(self) -> None:
        # Names are not in the return: a new child is added without one (the record shows the
        # child ID), and an existing child's names are never touched by an import.
        in_return: list[str] = []

        def header_rows() -> Iterator[tuple[Any, ...]]:
            for row in self.rows("Header"):
                sex = row.get("SEX")
                in_return.append(row.get("CHILD"))
                yield (
                    row.get("CHILD"),
                    "",
                    "",
                    SEX_CODING.get(sex, sex),
                    _date(row, "DOB"),
                    row.get("ETHNIC"),
                    row.get("UPN"),
                    reader.parse_flag(row.get("MOTHER")),
                    _date(row, "MC_DOB"),
                )

        before = Child.objects.count()
        self.counts["children"] = bulk.upsert(
            Child,
            ["child_id", "first_name", "last_name", *HEADER_FIELDS],
            header_rows(),
            ["child_id"],
            list(HEADER_FIELDS),
            self.advance("Header", 35, 50, "Writing children"),
        )
        self.child_pk = dict(Child.objects.values_list("child_id", "pk"))
        self.counts["children_new"] = len(self.child_pk) - before
        # Only the children in this return have their journeys brought into line with it.
        self.imported = [self.child_pk[child] for child in in_return]

    def uasc(self) -> None:
        updates = [
            (self.child_pk[row.get("CHILD")], True, _date(row, "DUC")) for row in self.rows("UASC")
        ]
        # Only these two columns, as ``bulk_update`` would (``updated_at`` is left as it was).
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(Child._meta.db_table)} SET {quote('is_uasc')} = %s, "
                f"{quote('uasc_ceased_on')} = %s WHERE {quote(Child._meta.pk.column)} = %s",
                [(flag, ceased, pk) for pk, flag, ceased in updates],
            )
        self.counts["uasc"] = len(updates)

    # --- the other tables -----------------------------------------------------------------

    def ended_after_the_year(
        self, model: type[models.Model], start: str, ends: list[str]
    ) -> dict[tuple[int, dt.date], tuple[Any, ...]]:
        """The imported children's stored rows that ended after the return's 31 March, by child
        and start: ``ends`` (the end date first) as stored. A return says only what was so at
        its year end, so a blank end there means "still open on 31 March" (the DfE's guidance
        for DEC, DATE_PLACED_CEASED and MIS_END; Homeward's own export blanks them so), not
        that the end Homeward holds from later is wrong: importing an earlier year's return,
        or Homeward's own export of it, keeps it."""
        year_end = dt.date(self.year, 3, 31)
        found: dict[tuple[int, dt.date], tuple[Any, ...]] = {}
        for chunk in _chunks(self.imported):
            for child, began, *ended in (
                model._default_manager.filter(child_id__in=chunk)
                .filter(**{f"{ends[0]}__gt": year_end})
                .values_list("child_id", start, *ends)
            ):
                found[(child, began)] = tuple(ended)
        return found

    def episodes(self) -> Iterator[tuple[Any, ...]]:
        later = self.ended_after_the_year(
            Episode, "start_date", ["end_date", "reason_ceased", "reason_place_change"]
        )
        for row in self.rows("Episodes"):
            decom = _date(row, "DECOM")
            assert decom is not None  # required: checked
            child = self.child_pk[row.get("CHILD")]
            ended = (_date(row, "DEC"), row.get("REC"), row.get("REASON_PLACE_CHANGE"))
            if ended[0] is None:
                ended = later.get((child, decom), ended)
            yield (
                child,
                decom,
                row.get("RNE"),
                row.get("LS"),
                row.get("CIN"),
                row.get("PLACE"),
                row.get("PLACE_PROVIDER"),
                *ended,
                row.get("HOME_POST"),
                row.get("PL_POST"),
                row.get("URN"),
            )

    def reviews(self) -> Iterator[tuple[Any, ...]]:
        seen: Counter[tuple[str, str, str]] = Counter()
        for row in self.rows("Reviews"):
            key = (row.get("CHILD"), row.get("REVIEW"), row.get("REVIEW_CODE"))
            seen[key] += 1
            review_date = _date(row, "REVIEW")
            assert review_date is not None
            yield (self.child_pk[key[0]], review_date, key[2], seen[key])

    def oc2(self) -> Iterator[tuple[Any, ...]]:
        for row in self.rows("OC2"):
            yield (
                self.child_pk[row.get("CHILD")],
                self.year,
                *(row.get(column) for column in OC2_COLUMNS.values()),
            )

    def oc3(self) -> Iterator[tuple[Any, ...]]:
        for row in self.rows("OC3"):
            yield (
                self.child_pk[row.get("CHILD")],
                self.year,
                row.get("IN_TOUCH"),
                row.get("ACTIV"),
                row.get("ACCOM"),
            )

    def ad1(self) -> Iterator[tuple[Any, ...]]:
        for row in self.rows("AD1"):
            yield (
                self.child_pk[row.get("CHILD")],
                _date(row, "DATE_INT"),
                _date(row, "DATE_MATCH"),
                row.get("FOSTER_CARE"),
                row.get("NB_ADOPTR"),
                row.get("SEX_ADOPTR"),
                row.get("LS_ADOPTR"),
            )

    def placed(self) -> Iterator[tuple[Any, ...]]:
        later = self.ended_after_the_year(
            PlacedForAdoption, "date_placed", ["date_placed_ceased", "reason_placed_ceased"]
        )
        for row in self.rows("PlacedAdoption"):
            placed = _date(row, "DATE_PLACED")
            assert placed is not None
            child = self.child_pk[row.get("CHILD")]
            ceased = (_date(row, "DATE_PLACED_CEASED"), row.get("REASON_PLACED_CEASED"))
            if ceased[0] is None:
                ceased = later.get((child, placed), ceased)
            yield (child, placed, *ceased)

    def prev_perm(self) -> Iterator[tuple[Any, ...]]:
        for row in self.rows("PrevPerm"):
            yield (
                self.child_pk[row.get("CHILD")],
                row.get("PREV_PERM"),
                row.get("LA_PERM"),
                row.get("DATE_PERM"),
            )

    def missing(self) -> Iterator[tuple[Any, ...]]:
        later = self.ended_after_the_year(MissingEpisode, "start_date", ["end_date"])
        for row in self.rows("Missing"):
            start = _date(row, "MIS_START")
            assert start is not None
            child = self.child_pk[row.get("CHILD")]
            end = _date(row, "MIS_END")
            if end is None:
                (end,) = later.get((child, start), (None,))
            yield (child, start, row.get("MISSING"), end)

    # --- journey events -------------------------------------------------------------------

    def journey_events(self) -> None:
        """Bring each imported child's return-derived events into line with their history:
        add what is missing, remove what no longer follows; events people recorded are kept,
        and stand for the return's event of the same kind on the same day."""
        child_ids = self.imported
        history: dict[int, list[EpisodeFacts]] = defaultdict(list)
        decisions: dict[int, set[dt.date]] = defaultdict(set)
        matched: dict[int, dt.date] = {}
        reviews: dict[int, set[dt.date]] = defaultdict(set)
        for chunk in _chunks(child_ids):
            for e in Episode.objects.filter(child_id__in=chunk).values_list(
                "child_id",
                "start_date",
                "end_date",
                "reason_new_episode",
                "legal_status",
                "placement_type",
                "reason_ceased",
            ):
                history[e[0]].append(EpisodeFacts(*e[1:]))
            for child, decided, match in AdoptionAD1.objects.filter(child_id__in=chunk).values_list(
                "child_id", "date_should_be_placed", "date_matched"
            ):
                if decided:
                    decisions[child].add(decided)
                if match:
                    matched[child] = match
            for child, placed in PlacedForAdoption.objects.filter(child_id__in=chunk).values_list(
                "child_id", "date_placed"
            ):
                decisions[child].add(placed)
            for child, held in Review.objects.filter(child_id__in=chunk).values_list(
                "child_id", "review_date"
            ):
                reviews[child].add(held)
        wanted: set[tuple[int, DerivedEvent]] = set()
        for child in set(history) | set(decisions) | set(matched) | set(reviews):
            for event in derive_events(
                history.get(child, []),
                adoption_decisions=tuple(sorted(decisions.get(child, ()))),
                matched_on=matched.get(child),
                reviews=tuple(sorted(reviews.get(child, ()))),
            ):
                wanted.add((child, event))
        have: dict[tuple[int, DerivedEvent], int] = {}
        # What people recorded in Homeward: a Child in Care review held there (and exported as
        # a Reviews row), a child coming into care recorded on the journey. An event of the
        # same kind on the same day for the same child is the same event, whichever source
        # recorded it, so the return's copy is not added beside it.
        recorded: set[tuple[int, str, dt.date]] = set()
        for chunk in _chunks(child_ids):
            for pk, child, day, kind, notes, source in JourneyEvent.objects.filter(
                child_id__in=chunk
            ).values_list("pk", "child_id", "date", "kind", "notes", "source"):
                if source == JourneyEvent.Source.SSDA903:
                    have[(child, DerivedEvent(day, kind, notes))] = pk
                else:
                    recorded.add((child, kind, day))
        stale = [pk for key, pk in have.items() if key not in wanted]
        for chunk in _chunks(stale):
            JourneyEvent.objects.filter(pk__in=chunk).delete()
        missing = (
            (child, event.kind, event.date, event.notes, JourneyEvent.Source.SSDA903)
            for child, event in sorted(wanted - set(have), key=lambda x: (x[0], x[1]))
            if (child, event.kind, event.date) not in recorded
        )
        self.counts["journey_events"] = bulk.insert(
            JourneyEvent, ["child_id", "kind", "date", "notes", "source"], missing
        )


def _chunks(items: list[int], size: int = 900) -> Iterator[list[int]]:
    """SQLite allows about a thousand parameters in one query."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


EPISODE_FIELDS = [
    "child_id",
    "start_date",
    "reason_new_episode",
    "legal_status",
    "category_of_need",
    "placement_type",
    "placement_provider",
    "end_date",
    "reason_ceased",
    "reason_place_change",
    "home_postcode",
    "placement_postcode",
    "urn",
]
REVIEW_FIELDS = ["child_id", "review_date", "participation", "occurrence"]
HEADER_FIELDS = ("sex", "date_of_birth", "ethnicity", "upn", "is_mother", "mother_child_dob")
OC2_COLUMNS = {
    "sdq_score": "SDQ_SCORE",
    "sdq_reason": "SDQ_REASON",
    "convicted": "CONVICTED",
    "health_check": "HEALTH_CHECK",
    "immunisations": "IMMUNISATIONS",
    "teeth_check": "TEETH_CHECK",
    "health_assessment": "HEALTH_ASSESSMENT",
    "substance_misuse": "SUBSTANCE_MISUSE",
    "intervention_received": "INTERVENTION_RECEIVED",
    "intervention_offered": "INTERVENTION_OFFERED",
}
OC2_FIELDS = list(OC2_COLUMNS)
AD1_FIELDS = [
    "date_should_be_placed",
    "date_matched",
    "foster_carer_adoption",
    "number_of_adopters",
    "sex_of_adopters",
    "legal_status_of_adopters",
]


def _no_progress(percent: int, message: str) -> None:
    return None


def import_limits() -> reader.Limits:
    """What one file of a return may hold, from the settings (HOMEWARD_IMPORT_MAX_ROWS and
    HOMEWARD_IMPORT_MAX_COLUMNS)."""
    return reader.Limits(
        columns=settings.HOMEWARD_IMPORT_MAX_COLUMNS, rows=settings.HOMEWARD_IMPORT_MAX_ROWS
    )


def import_return(
    sources: list[reader.ReturnFile],
    *,
    run: ImportRun,
    collection_year: int | None = None,
    progress: Progress = _no_progress,
    dfe_rules: bool = True,
) -> ImportRun:
    """Check, then write in one transaction, then run the DfE rules. Returns the finished run:
    status IMPORTED, or BLOCKED with every problem (and nothing written). While it runs, a
    heartbeat and the progress go to the progress cache (``homeward.ssda903.progress``)."""
    try:
        with live.heartbeat(run):
            return _import(sources, run, collection_year, progress, dfe_rules)
    finally:
        live.forget(run)  # ended: the run's row says the rest


def _import(
    sources: list[reader.ReturnFile],
    run: ImportRun,
    collection_year: int | None,
    progress: Progress,
    dfe_rules: bool,
) -> ImportRun:
    def step(percent: int, message: str) -> None:
        """Outside the transaction: stored on the run, and in the cache."""
        ImportRun.objects.filter(pk=run.pk).update(
            progress=percent, message=message, updated_at=timezone.now()
        )
        live.report(run, percent, message)
        progress(percent, message)

    def writing(percent: int, message: str) -> None:
        """Inside the transaction: the cache only (a row written here is seen by nobody else)."""
        live.report(run, percent, message)
        progress(percent, message)

    run.status = ImportRun.Status.CHECKING
    run.save(update_fields=["status", "updated_at"])
    step(5, "Checking the files")
    checked = reader.check(sources, import_limits())
    if not checked.ok:
        run.status = ImportRun.Status.BLOCKED
        run.blocking = [p.as_row() for p in checked.problems]
        run.counts = {"blocking": len(checked.problems)}
        run.finished_at = timezone.now()
        run.message = f"{len(checked.problems)} problem(s) to fix; nothing was imported"
        run.progress = 100
        run.save()
        return run
    year = collection_year or reader.collection_year_for(
        checked.latest_date or timezone.localdate()
    )
    run.collection_year = year
    run.status = ImportRun.Status.WRITING
    run.save(update_fields=["status", "collection_year", "updated_at"])
    step(30, "Writing to the tracker")
    with transaction.atomic():
        counts: dict[str, Any] = ReturnImporter(sources, checked).write(year, writing)
        record(
            AuditAction.IMPORT,
            user=run.started_by,
            summary=f"Imported SSDA903 return {run.source} ({counts.get('children', 0)} children)",
            after={"import_run": run.pk, **counts},
        )
    counts["blocking"] = 0
    counts["dfe_failures"] = None  # not run (``dfe_rules=False``); the pages say so
    if dfe_rules:
        # Committed: the counts are stored now, so a run that dies during the DfE rules still
        # shows what was imported.
        run.status = ImportRun.Status.VALIDATING
        run.counts = counts
        run.save(update_fields=["status", "counts", "updated_at"])
        step(85, "Running the DfE validation rules")
        try:
            counts["dfe_failures"] = _store_dfe_failures(run, sources, year, counts)
        except Exception as exc:  # the import itself has committed: say so, not "failed"
            counts["dfe_failures"] = None
            run.counts = counts
            run.status = ImportRun.Status.IMPORTED
            run.progress = 100
            run.finished_at = timezone.now()
            run.message = f"Imported, but the DfE rules could not run: {exc}"[:500]
            run.save()
            return run
    run.counts = counts
    run.status = ImportRun.Status.IMPORTED
    run.progress = 100
    run.finished_at = timezone.now()
    run.message = "Imported"
    run.save()
    return run


def _store_dfe_failures(
    run: ImportRun, sources: list[reader.ReturnFile], year: int, counts: dict[str, Any]
) -> int:
    """Run the DfE rules for the return's year (the nearest year the validator has rules for)
    and store every failure, with its row counted as in the file (row 1 is the header)."""
    from homeward.ssda903 import dfe  # the DfE validator and pandas: loaded when first needed

    years = dfe.available_collection_years()
    rules_year = min(max(year, years[0]), years[-1])
    files = {s.name: s.open().read() for s in sources}
    result = dfe.run_validator(
        files, rules_year, local_authority=profile_for(settings.HOMEWARD_COUNCIL).ons_code
    )
    counts["dfe_ruleset"] = result.ruleset
    counts["dfe_rules_run"] = len(result.rules_run)
    counts["dfe_rules_not_run"] = len(result.skipped_rules) + len(result.crashed_rules)
    rows = (
        DataQualityFailure(
            run=run,
            rule=f.rule[:10],
            message=f.message[:500],
            table=f.table[:20],
            row=None if f.row is None else f.row + 1,
            child_id=(f.child_id or "")[:10],
            columns=",".join(f.columns)[:200],
        )
        for f in result.failures
    )
    return _upsert(DataQualityFailure, rows, [], [])
