from django.core.management.base import BaseCommand

from projects.services import send_moderation_digest


class Command(BaseCommand):
    help = (
        "Email the daily summary of the moderation queue to moderators who chose it (from "
        "7:00 Europe/Berlin, once a day, only when something waits). Idempotent; run it hourly."
    )

    def handle(self, *args, **options):
        sent = send_moderation_digest()
        self.stdout.write(f"{sent} moderation summary(ies) sent.")
