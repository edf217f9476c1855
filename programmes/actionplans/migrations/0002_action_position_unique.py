"""Two rows of a plan never share a number: plans whose rows were numbered twice by actions added
at the same moment are renumbered 1…n (in the order people saw them: position, then creation)
before the constraint is added."""

from django.db import migrations, models
from django.db.models import Count


def renumber_plans_with_shared_numbers(apps, schema_editor):
    Action = apps.get_model("actionplans", "Action")
    shared = (Action.objects.values("plan_id", "position").annotate(rows=Count("pk")).filter(rows__gt=1)
              .values_list("plan_id", flat=True))
    for plan_id in set(shared):
        rows = list(Action.objects.filter(plan_id=plan_id).order_by("position", "pk"))
        for position, row in enumerate(rows, start=1):
            row.position = position
        Action.objects.bulk_update(rows, ["position"])


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0001_initial")]

    operations = [
        migrations.RunPython(renumber_plans_with_shared_numbers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.UniqueConstraint(fields=("plan", "position"), name="action_position_unique"),
        ),
    ]
