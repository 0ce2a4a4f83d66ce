from django.core.management.base import BaseCommand

from notices.services import delete_expired_reports


class Command(BaseCommand):
    help = (
        "Delete reports decided more than NOTICES_KEEP_DAYS days ago (default 183). "
        "Idempotent; run it daily."
    )

    def handle(self, *args, **options):
        count = delete_expired_reports()
        self.stdout.write(f"{count} report(s) deleted.")
