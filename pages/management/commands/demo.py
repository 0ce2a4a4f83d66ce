from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts.public import User
from pages import demo


class Command(BaseCommand):
    help = "Fill the database with the fictional Saxon demo data set."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty", action="store_true", help="Only when there are no users yet."
        )
        group.add_argument("--reset", action="store_true", help="Delete everything first.")

    def handle(self, *args, if_empty=False, reset=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write(
                "The database already has data; demo data not loaded (use `make demo` to reset)."
            )
            return
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        # The demo people are fictional: the lifecycle mails they would get go nowhere.
        quiet = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
        with override_settings(MAILERS=quiet), transaction.atomic():
            report = demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(report)
