from django.core.management.base import BaseCommand

from contact.services import delete_expired_requests


class Command(BaseCommand):
    help = (
        "Delete messages sent through the platform CONTACT_RETENTION_DAYS days ago, with their "
        "reports (a message with an undecided report waits for the decision). Idempotent; "
        "run it daily."
    )

    def handle(self, *args, **options):
        count = delete_expired_requests()
        self.stdout.write(f"{count} message(s) deleted.")
