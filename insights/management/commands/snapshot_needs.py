from django.core.management.base import BaseCommand

from insights.snapshots import take_snapshot


class Command(BaseCommand):
    help = (
        "Keep this month's counts of needs and offers per region (the dashboard's trends). "
        "Run daily; a later run in the same month replaces the month's figures."
    )

    def handle(self, *args, **options):
        rows = take_snapshot()
        self.stdout.write(f"{rows} rows in this month's snapshot of needs and offers.")
