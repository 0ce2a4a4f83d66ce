from django.core.management.base import BaseCommand

from following.digest import send_digests


class Command(BaseCommand):
    help = (
        "Email the weekly digest to everyone who chose it (from Monday 7:00 Europe/Berlin, "
        "once an ISO week, only when something is new). Idempotent; run it hourly."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
