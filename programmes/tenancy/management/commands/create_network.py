"""manage.py create_network <slug> "<name>" --admin email: a site operator opens a network."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from programmes.tenancy import services


class Command(BaseCommand):
    help = "Create a network and invite its first admin (or appoint an existing account)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Web address of the network, e.g. inclucities")
        parser.add_argument("name", help="Display name, e.g. \"IncluCities (CEMR)\"")
        parser.add_argument("--admin", required=True, help="E-mail address of the first admin")
        parser.add_argument("--languages", default="en", help="Comma-separated language codes (default: en)")

    def handle(self, *args, slug, name, admin, languages, **options):
        try:
            network, link = services.create_network(
                slug=slug, name=name, admin_email=admin, languages=[c.strip() for c in languages.split(",") if c.strip()]
            )
        except ValidationError as error:
            message = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
            raise CommandError(message) from error
        self.stdout.write(self.style.SUCCESS(f"Created network {network.name!r} at /{network.slug}/"))
        if link:
            self.stdout.write(f"Invitation sent to {admin}. Link (valid once): {link}")
        else:
            self.stdout.write(f"{admin} already had an account and is now the network's admin.")
