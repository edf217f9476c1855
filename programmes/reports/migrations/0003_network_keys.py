"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_frozen_pdf'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='frozenpdf',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='reports_frozenpdf_network_key'),
        ),
    ]
