from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

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
