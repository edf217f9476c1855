"""Two agenda items of a visit never share a place: visits whose items were given the same
position by adds at the same moment are renumbered 1…n (in the order people saw them) before the
constraint is added."""

from django.db import migrations, models
from django.db.models import Count


def renumber_visits_with_shared_positions(apps, schema_editor):
    AgendaItem = apps.get_model("visits", "AgendaItem")
    shared = (AgendaItem.objects.values("visit_id", "position").annotate(items=Count("pk")).filter(items__gt=1)
              .values_list("visit_id", flat=True))
    for visit_id in set(shared):
        items = list(AgendaItem.objects.filter(visit_id=visit_id).order_by("day", "position", "time", "pk"))
        for position, item in enumerate(items, start=1):
            item.position = position
        AgendaItem.objects.bulk_update(items, ["position"])


class Migration(migrations.Migration):
    dependencies = [("visits", "0007_delivery_claims")]

    operations = [
        migrations.RunPython(renumber_visits_with_shared_positions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(fields=("visit", "position"), name="agenda_item_position_unique"),
        ),
    ]
