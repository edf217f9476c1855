"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarks', '0004_network_keys'),
        ('directory', '0003_network_keys'),
        ('mentorships', '0005_network_keys'),
        ('questionnaires', '0006_network_keys'),
        ('visits', '0009_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='agendagoodpractice',
            constraint=programmes.tenancy.constraints.SameNetwork('item', name='visits_agendagoodpractice_item_net'),
        ),
        migrations.AddConstraint(
            model_name='agendagoodpractice',
            constraint=programmes.tenancy.constraints.SameNetwork('good_practice', name='visits_agendagoodpractice_good_practice_net'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=programmes.tenancy.constraints.SameNetwork('visit', name='visits_agendaitem_visit_net'),
        ),
        migrations.AddConstraint(
            model_name='agendakeyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('item', name='visits_agendakeyfactor_item_net'),
        ),
        migrations.AddConstraint(
            model_name='agendakeyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('key_factor', name='visits_agendakeyfactor_key_factor_net'),
        ),
        migrations.AddConstraint(
            model_name='followup',
            constraint=programmes.tenancy.constraints.SameNetwork('visit', name='visits_followup_visit_net'),
        ),
        migrations.AddConstraint(
            model_name='reminderdelivery',
            constraint=programmes.tenancy.constraints.SameNetwork('rule', name='visits_reminderdelivery_rule_net'),
        ),
        migrations.AddConstraint(
            model_name='reminderrule',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='visits_reminderrule_programme_net'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='visits_visit_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='visits_visit_programme_net'),
        ),
        migrations.AddConstraint(
            model_name='visit',
            constraint=programmes.tenancy.constraints.SameNetwork('host_city', name='visits_visit_host_city_net'),
        ),
        migrations.AddConstraint(
            model_name='visitparticipant',
            constraint=programmes.tenancy.constraints.SameNetwork('visit', name='visits_visitparticipant_visit_net'),
        ),
    ]
