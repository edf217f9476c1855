"""manage.py seed_demo: demo networks and logins for development. Never in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programmes.actionplans.demo import seed_action_plans
from programmes.benchmarks.demo import seed_benchmarks
from programmes.directory.demo import seed_directory
from programmes.mentorships.demo import seed_programmes
from programmes.questionnaires.demo import seed_good_practices, seed_matching
from programmes.supportgroups.demo import seed_support_groups
from programmes.tenancy.demo import DEMO_PASSWORD, demo_user, seed_demo
from programmes.visits.demo import seed_visits


class Command(BaseCommand):
    help = "Load demo networks and users (idempotent). Refused when DJANGO_ENV=production."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates accounts with a published password: refused in production.")
        with transaction.atomic():
            networks, logins = seed_demo()
            seed_directory(networks)
            logins += seed_programmes(networks, demo_user)
            seed_benchmarks(networks)
            seed_support_groups(networks)
            seed_good_practices(networks)
            seed_matching(networks)
            seed_action_plans(networks)
            seed_visits(networks)
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for email, description in logins:
            self.stdout.write(f"  {email:<36} {description}")
