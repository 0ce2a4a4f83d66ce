from django.core.management.base import BaseCommand

from events.services import send_reminders


class Command(BaseCommand):
    help = (
        "Email confirmed participants of events that start within EVENTS_REMINDER_HOURS_BEFORE "
        "hours (default 24). Idempotent; run it hourly."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
