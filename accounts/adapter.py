from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from zukunftsplattform.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Send account mail in the user's language (the page's language at sign-up)."""
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "de"
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request):
        """The same client address as our own limits: X-Forwarded-For from trusted proxies only.

        allauth's own TRUSTED_PROXY_COUNT would read the header from any peer.
        """
        return client_ip(request)
