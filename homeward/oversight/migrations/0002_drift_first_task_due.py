"""Each child's first task due (``DriftFacts.first_task_due``), filled for the children already
stored: the earliest due date of an open action from a meeting, an assessment still due and a
running family time plan's review (the same conditions as ``ACTION_OPEN``,
``ASSESSMENT_STILL_DUE`` and ``FAMILY_TIME_RUNNING``, written here as the historical models
have them)."""

from django.db import migrations, models
from django.db.models import Min


def fill(apps, schema_editor):
    DriftFacts = apps.get_model("oversight", "DriftFacts")
    Action = apps.get_model("meetings", "Action")
    Assessment = apps.get_model("planning", "Assessment")
    FamilyTimePlan = apps.get_model("family", "FamilyTimePlan")
    first: dict[int, object] = {}
    kinds = (
        Action.objects.filter(status="open").values_list("meeting__child").annotate(d=Min("due_on")),
        Assessment.objects.filter(completed_on__isnull=True, cancelled=False)
        .values_list("child")
        .annotate(d=Min("due_on")),
        FamilyTimePlan.objects.filter(ended_on__isnull=True)
        .values_list("child")
        .annotate(d=Min("review_date")),
    )
    for rows in kinds:
        for child_id, due in rows.order_by():
            if due is not None and (child_id not in first or due < first[child_id]):
                first[child_id] = due
    stored = set(DriftFacts.objects.values_list("child_id", flat=True))
    for child_id, due in first.items():
        if child_id in stored:
            DriftFacts.objects.filter(child_id=child_id).update(first_task_due=due)
    DriftFacts.objects.bulk_create(
        DriftFacts(child_id=child_id, first_task_due=due)
        for child_id, due in first.items()
        if child_id not in stored
    )


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0001_drift_facts"),
        ("meetings", "0004_work_indexes"),
        ("planning", "0004_work_indexes"),
        ("family", "0005_genogram"),
    ]

    operations = [
        migrations.AddField(
            model_name="driftfacts",
            name="first_task_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
