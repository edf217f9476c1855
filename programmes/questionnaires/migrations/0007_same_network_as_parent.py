"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarks', '0004_network_keys'),
        ('directory', '0003_network_keys'),
        ('mentorships', '0005_network_keys'),
        ('questionnaires', '0006_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='answer',
            constraint=programmes.tenancy.constraints.SameNetwork('response', name='questionnaires_answer_response_net'),
        ),
        migrations.AddConstraint(
            model_name='answer',
            constraint=programmes.tenancy.constraints.SameNetwork('question', name='questionnaires_answer_question_net'),
        ),
        migrations.AddConstraint(
            model_name='answercomment',
            constraint=programmes.tenancy.constraints.SameNetwork('response', name='questionnaires_answercomment_response_net'),
        ),
        migrations.AddConstraint(
            model_name='answercomment',
            constraint=programmes.tenancy.constraints.SameNetwork('question', name='questionnaires_answercomment_question_net'),
        ),
        migrations.AddConstraint(
            model_name='answercomment',
            constraint=programmes.tenancy.constraints.SameNetwork('parent', name='questionnaires_answercomment_parent_net'),
        ),
        migrations.AddConstraint(
            model_name='goodpractice',
            constraint=programmes.tenancy.constraints.SameNetwork('city', name='questionnaires_goodpractice_city_net'),
        ),
        migrations.AddConstraint(
            model_name='goodpracticekeyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('good_practice', name='questionnaires_goodpracticekeyfactor_good_practice_net'),
        ),
        migrations.AddConstraint(
            model_name='goodpracticekeyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('key_factor', name='questionnaires_goodpracticekeyfactor_key_factor_net'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=programmes.tenancy.constraints.SameNetwork('section', name='questionnaires_question_section_net'),
        ),
        migrations.AddConstraint(
            model_name='questionnairetemplate',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='questionnaires_questionnairetemplate_programme_net'),
        ),
        migrations.AddConstraint(
            model_name='questionnairetemplate',
            constraint=programmes.tenancy.constraints.SameNetwork('based_on', name='questionnaires_questionnairetemplate_based_on_net'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='questionnaires_response_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=programmes.tenancy.constraints.SameNetwork('city', name='questionnaires_response_city_net'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=programmes.tenancy.constraints.SameNetwork('template', name='questionnaires_response_template_net'),
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=programmes.tenancy.constraints.SameNetwork('template', name='questionnaires_section_template_net'),
        ),
        migrations.AddConstraint(
            model_name='submission',
            constraint=programmes.tenancy.constraints.SameNetwork('response', name='questionnaires_submission_response_net'),
        ),
    ]
