"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0003_network_keys'),
        ('benchmarks', '0004_network_keys'),
        ('questionnaires', '0006_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='action',
            constraint=programmes.tenancy.constraints.SameNetwork('plan', name='actionplans_action_plan_net'),
        ),
        migrations.AddConstraint(
            model_name='actioncomment',
            constraint=programmes.tenancy.constraints.SameNetwork('action', name='actionplans_actioncomment_action_net'),
        ),
        migrations.AddConstraint(
            model_name='actionkeyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('action', name='actionplans_actionkeyfactor_action_net'),
        ),
        migrations.AddConstraint(
            model_name='actionkeyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('key_factor', name='actionplans_actionkeyfactor_key_factor_net'),
        ),
        migrations.AddConstraint(
            model_name='actionneed',
            constraint=programmes.tenancy.constraints.SameNetwork('action', name='actionplans_actionneed_action_net'),
        ),
        migrations.AddConstraint(
            model_name='actionneed',
            constraint=programmes.tenancy.constraints.SameNetwork('question', name='actionplans_actionneed_question_net'),
        ),
        migrations.AddConstraint(
            model_name='planversion',
            constraint=programmes.tenancy.constraints.SameNetwork('plan', name='actionplans_planversion_plan_net'),
        ),
    ]
