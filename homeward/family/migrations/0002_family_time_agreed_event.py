# issue13-family-panels: the date a family time plan was agreed, and the journey event it owns.

import django.db.models.deletion
from django.db import migrations, models


def agreed_when_started(apps, schema_editor):
    """Plans recorded before this had no agreed date: take the earlier of their start date and
    the day they were recorded. No journey event is made for them here (the ledger recomputes
    only through the ORM's signals): saving the plan again records it."""
    plan_model = apps.get_model("family", "FamilyTimePlan")
    for plan in plan_model.objects.filter(agreed_on__isnull=True):
        plan.agreed_on = min(plan.start_date, plan.created_at.date())
        plan.save(update_fields=["agreed_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0007_extension_weeks_and_statutory_visits"),
        ("family", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="familytimeplan",
            name="agreed_on",
            field=models.DateField(null=True, verbose_name="Date agreed"),
        ),
        migrations.RunPython(agreed_when_started, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="familytimeplan",
            name="agreed_on",
            field=models.DateField(
                help_text="When these arrangements were agreed. Durham's Early Permanence "
                "Planning Strategy ('Family Time') says they are negotiated before the child is "
                "placed.",
                verbose_name="Date agreed",
            ),
        ),
        migrations.AddField(
            model_name="familytimeplan",
            name="journey_event",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="children.journeyevent",
            ),
        ),
    ]
