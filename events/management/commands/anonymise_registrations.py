from django.core.management.base import BaseCommand

from events.services import anonymise_registrations


class Command(BaseCommand):
    help = (
        "Expire guest requests not confirmed within EVENTS_GUEST_CONFIRMATION_HOURS and "
        "anonymise guests' registrations EVENTS_ANONYMISE_AFTER_DAYS days after the event. "
        "Idempotent; run it daily."
    )

    def handle(self, *args, **options):
        count = anonymise_registrations()
        self.stdout.write(f"{count} registration(s) anonymised.")
