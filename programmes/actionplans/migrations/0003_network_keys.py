"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0002_action_position_unique'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='action',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='actionplans_action_network_key'),
        ),
        migrations.AddConstraint(
            model_name='actionplan',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='actionplans_actionplan_network_key'),
        ),
        migrations.AddConstraint(
            model_name='planversion',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='actionplans_planversion_network_key'),
        ),
    ]
