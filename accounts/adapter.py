from collections.abc import Callable
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from accounts.login_devices import known_device, remember_device
from zukunftsplattform import mail
from zukunftsplattform.ratelimit import client_ip

#: Functions ``(request) -> url | None`` that other apps register (in ``ready()``) to send a
#: person somewhere after logging in, e.g. to the invitation that brought them here. The
#: first answer wins; an explicit ``next`` always takes precedence (allauth asks us last).
_login_destinations: list[Callable] = []

#: Query parameter of the login page right after an email address was confirmed.
CONFIRMED = "bestaetigt"


def register_login_destination(destination: Callable) -> None:
    if destination not in _login_destinations:
        _login_destinations.append(destination)


def portal_site() -> SimpleNamespace:
    """What allauth's templates call ``current_site``: the portal, never the request's host."""
    return SimpleNamespace(
        name=_("Future Platform for Social Innovation"),
        domain=urlsplit(settings.SITE_URL).netloc,
    )


# Links allauth builds from the request's host; mails carry them on SITE_URL, like every
# other link in the portal's mails.
LINKS = ("activate_url", "password_reset_url", "signup_url")


def _on_site_url(url: str) -> str:
    return mail.absolute_url(urlunsplit(("", "", *urlsplit(url)[2:])))


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's mails composed like every other mail of the portal (``mail.compose``)."""
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "de"
        message = mail.compose(
            template_prefix,
            to=[email] if isinstance(email, str) else list(email),
            context={
                **context,
                **{key: _on_site_url(context[key]) for key in LINKS if context.get(key)},
                "current_site": portal_site(),
            },
            language=language,
        )
        message.extra_headers.update(headers or {})
        return message

    def get_client_ip(self, request):
        """The same client address as our own limits: X-Forwarded-For from trusted proxies only.

        allauth's own TRUSTED_PROXY_COUNT would read the header from any peer.
        """
        return client_ip(request)

    def pre_authenticate(self, request, **credentials):
        """Failures from a browser that logged in to the account before count for that
        browser alone (accounts.login_devices); all others for the account, as allauth does."""
        device = known_device(request, credentials.get("email", ""))
        if device is None:
            return super().pre_authenticate(request, **credentials)
        self._login_failed_rl_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed", key=f"device:{device}"
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        remember_device(request, response, user.email)
        return response

    def send_account_already_exists_mail(self, email):
        """Sign-up with a known address: as costly as creating an account.

        Hashing the new password is nearly all the cost of a sign-up; without it the known
        address answered in a fraction of the time and so told that it has an account.
        """
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def get_login_redirect_url(self, request):
        for destination in _login_destinations:
            url = destination(request)
            if url:
                return url
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        """After confirming while logged out: the login page says so, and does not offer
        to sign up again (the person has just done that)."""
        if not self.request.user.is_authenticated:
            return f"{reverse('account_login')}?{CONFIRMED}=1"
        return super().get_email_verification_redirect_url(email_address)
