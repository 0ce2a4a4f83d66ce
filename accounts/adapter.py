from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Send account mail in the user's language (the page's language at sign-up)."""
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "de"
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
