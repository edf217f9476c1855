"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('questionnaires', '0005_alter_questionnairetemplate_language'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='answercomment',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='questionnaires_answercomment_network_key'),
        ),
        migrations.AddConstraint(
            model_name='goodpractice',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='questionnaires_goodpractice_network_key'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='questionnaires_question_network_key'),
        ),
        migrations.AddConstraint(
            model_name='questionnairetemplate',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='questionnaires_questionnairetemplate_network_key'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='questionnaires_response_network_key'),
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='questionnaires_section_network_key'),
        ),
    ]
