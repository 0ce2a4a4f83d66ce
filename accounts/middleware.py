from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.terms import needs_to_accept

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def passed_second_factor(request, user=None) -> bool:
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, user or request.user)
    )


def has_staff_powers(user) -> bool:
    """Whether the user's staff status counts: only in a session that passed a second factor.

    Every staff check outside the admin (``is_moderator``, ``is_event_manager``) asks this, so
    a stolen or guessed staff password alone reads no draft and changes no profile.
    """
    return bool(
        user.is_authenticated and user.is_staff and getattr(user, "passed_second_factor", False)
    )


def staff_second_factor(get_response):
    """Staff powers only in a session that passed a second factor.

    Marks ``request.user.passed_second_factor`` (lazily: nothing is read for visitors) for
    :func:`has_staff_powers`. Staff entering the admin without a second factor are sent to
    set one up; staff who have one but logged in before setting it up are asked to log in
    again, this time with it.
    """

    def middleware(request):
        user = request.user

        def marked():
            if user.is_authenticated and user.is_staff:
                user.passed_second_factor = passed_second_factor(request, user)
            return user._wrapped if isinstance(user, SimpleLazyObject) else user

        request.user = SimpleLazyObject(marked)
        if (
            request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.is_staff
            and not request.user.passed_second_factor
        ):
            has_factor = Authenticator.objects.filter(
                user=request.user, type__in=SECOND_FACTORS
            ).exists()
            if not has_factor:
                messages.warning(
                    request,
                    _(
                        "Staff must protect their account with a second factor before "
                        "entering the administration. Please set one up now."
                    ),
                )
                return redirect("mfa_index")
            logout(request)
            messages.info(
                request,
                _("Please log in again with your second factor to enter the administration."),
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_login')}?{query}")
        return get_response(request)

    return middleware


#: What a signed-in person may still do before accepting new terms of use (URL names):
#: read and accept them, take their data, delete the account (with re-authentication)
#: and log out. Public pages (a GET to a view that needs no login) stay open as well.
OPEN_BEFORE_TERMS = {
    "accounts:terms",
    "terms_of_use",
    "account_logout",
    "accounts:my_data",
    "accounts:my_data_download",
    "accounts:my_data_zip",
    "accounts:delete",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "mfa_reauthenticate_webauthn",
}


class TermsAcceptanceMiddleware:
    """Signed-in people who have not accepted the terms of use in force are sent to them.

    Only for what the signed-in area does: the account pages (``/konto/``), views that need
    a login, and every POST. A GET of a public page stays as it is (and costs no query);
    the admin too, where staff work under their duties rather than the portal's terms (and
    must be able to reach it right after putting a new version in force).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Without a session cookie nobody is signed in: the session stays untouched, so
        # visitors' pages keep no "Vary: Cookie" and stay in the page cache.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        if not request.user.is_authenticated or request.path_info.startswith("/admin/"):
            return None
        match = request.resolver_match
        if match is None or match.view_name in OPEN_BEFORE_TERMS:
            return None
        private = (
            request.method not in ("GET", "HEAD")
            or hasattr(view_func, "login_url")  # login_required and user_passes_test
            or request.path_info.startswith(reverse("accounts:overview"))
        )
        if not private or needs_to_accept(request.user) is None:
            return None
        target = reverse("accounts:terms")
        if request.method in ("GET", "HEAD"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
