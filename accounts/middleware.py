from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def passed_second_factor(request) -> bool:
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


def staff_second_factor(get_response):
    """Let staff into the admin only in a session that passed a second factor.

    Staff without a second factor are sent to set one up; staff who have one but logged
    in before setting it up are asked to log in again, this time with it.
    """

    def middleware(request):
        if (
            request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.is_staff
            and not passed_second_factor(request)
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
