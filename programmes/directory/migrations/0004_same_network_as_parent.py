"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='city',
            constraint=programmes.tenancy.constraints.SameNetwork('association', name='directory_city_association_net'),
        ),
        migrations.AddConstraint(
            model_name='cityrepresentative',
            constraint=programmes.tenancy.constraints.SameNetwork('city', name='directory_cityrepresentative_city_net'),
        ),
        migrations.AddConstraint(
            model_name='contactperson',
            constraint=programmes.tenancy.constraints.SameNetwork('association', name='directory_contactperson_association_net'),
        ),
        migrations.AddConstraint(
            model_name='contactperson',
            constraint=programmes.tenancy.constraints.SameNetwork('city', name='directory_contactperson_city_net'),
        ),
    ]
