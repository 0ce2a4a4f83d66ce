import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pages.demo import STAFF_EMAILS


class Command(BaseCommand):
    help = (
        "Development only: print the demo staff accounts' TOTP secrets and the code "
        "each needs for /admin/ right now."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_totp only runs in development (DJANGO_DEBUG=1): it prints second "
                "factors, which a production database must never give away."
            )
        now = int(time.time())
        period = mfa_settings.TOTP_PERIOD
        counter, remaining = now // period, period - now % period
        for email in STAFF_EMAILS:
            authenticator = Authenticator.objects.filter(
                user__email__iexact=email, type=Authenticator.Type.TOTP
            ).first()
            if authenticator is None:
                self.stdout.write(
                    f"{email}: no TOTP set up (`make demo` resets the demo data with new secrets)"
                )
                continue
            secret = decrypt(authenticator.data["secret"])
            code = format_hotp_value(hotp_value(secret, counter))
            self.stdout.write(f"{email}  TOTP secret: {secret}  code now: {code}")
        self.stdout.write(
            f"The codes change in {remaining} s; each code is accepted once (after a login "
            "with it, run this again for the next one)."
        )
