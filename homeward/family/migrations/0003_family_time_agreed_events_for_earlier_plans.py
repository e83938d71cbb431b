# regimes: family time plans saved before 0002 have a date agreed but no family_time_agreed
# journey event (0002 left them to be saved again). This records the event each plan owns.

from django.db import migrations


def record_missing_agreements(apps, schema_editor):
    """Each plan without its event gets one on its date agreed, recorded in Homeward by whoever
    recorded the plan, and owned by the plan as saving it would have made it.

    A migration's models send no signals to the ledger's receivers, so the children touched have
    their stored timescales removed here; ``migrate`` then recomputes every child without them
    (``homeward.timescales.receivers.fill_when_created``, on post_migrate), and
    ``manage.py recompute_timescales`` does the same for anyone running the SQL by hand."""
    db = schema_editor.connection.alias
    plan_model = apps.get_model("family", "FamilyTimePlan")
    event_model = apps.get_model("children", "JourneyEvent")
    summary_model = apps.get_model("timescales", "ChildTimescales")
    expectation_model = apps.get_model("timescales", "Expectation")
    touched = set()
    plans = plan_model.objects.using(db).filter(journey_event__isnull=True).order_by("pk")
    for plan in plans.select_related("with_person__person", "with_sibling"):
        # The notes the plan's service writes: "Family time with <name> (<relationship>)".
        if plan.with_sibling_id is not None:
            sibling = plan.with_sibling
            name = f"{sibling.first_name} {sibling.last_name}".strip()
            who = f"{name or f'Child {sibling.child_id}'} (brother or sister)"
        elif plan.with_person_id is not None:
            link = plan.with_person
            name = f"{link.person.first_name} {link.person.last_name}".strip()
            who = f"{name} ({link.get_relationship_display()})"
        else:
            who = ""
        event = event_model.objects.using(db).create(
            child_id=plan.child_id,
            kind="family_time_agreed",
            date=plan.agreed_on,
            notes=f"Family time with {who}"[:500],
            source="recorded",
            recorded_by_id=plan.recorded_by_id,
        )
        plan.journey_event = event
        plan.save(update_fields=["journey_event"])
        touched.add(plan.child_id)
    if touched:
        expectation_model.objects.using(db).filter(child_id__in=touched).delete()
        summary_model.objects.using(db).filter(child_id__in=touched).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0007_extension_weeks_and_statutory_visits"),
        ("timescales", "0001_ledger"),
        ("family", "0002_family_time_agreed_event"),
    ]

    operations = [
        migrations.RunPython(record_missing_agreements, migrations.RunPython.noop),
    ]
