"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0008_agenda_item_position_unique'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='visits_agendaitem_network_key'),
        ),
        migrations.AddConstraint(
            model_name='reminderrule',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='visits_reminderrule_network_key'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='visits_visit_network_key'),
        ),
    ]
