"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0002_city_representatives'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='association',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='directory_association_network_key'),
        ),
        migrations.AddConstraint(
            model_name='city',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='directory_city_network_key'),
        ),
    ]
