"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_network_keys'),
        ('supportgroups', '0001_initial'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='supportgroupmember',
            constraint=programmes.tenancy.constraints.SameNetwork('city', name='supportgroups_supportgroupmember_city_net'),
        ),
    ]
