import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import TermsOfUse, User
from accounts.moderation import MODERATION_GROUP
from accounts.terms import accept_current_terms


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "richtig-gutes-Passwort-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def accepted_terms(obj, create, extracted, **kwargs):
        """Accepted the terms of use in force, as at sign-up (``accepted_terms=False``:
        signed up before the version in force)."""
        if create and extracted is not False:
            accept_current_terms(obj)


class TermsOfUseFactory(factory.django.DjangoModelFactory):
    """A version of the terms of use; ``published=True`` puts it in force now."""

    class Meta:
        model = TermsOfUse

    version = factory.LazyFunction(
        lambda: (
            (TermsOfUse.objects.order_by("-version").values_list("version", flat=True).first() or 0)
            + 1
        )
    )
    title_de = factory.Sequence(lambda n: f"Nutzungsbedingungen, Fassung {n}")
    title_en = factory.Sequence(lambda n: f"Terms of use, version {n}")
    body_de = "Neu: Beiträge dürfen keine Werbung enthalten."
    body_en = "New: contributions must not advertise."
    body_de_html = "<p>Neu: Beiträge dürfen keine Werbung enthalten.</p>"
    body_en_html = "<p>New: contributions must not advertise.</p>"

    class Params:
        published = factory.Trait(published_at=factory.LazyFunction(timezone.now))


#: What a sign-up form posts besides the person's details: the box “I accept the terms of
#: use” ticked, for version 1 (in force from the first migration on).
ACCEPTED_TERMS = {"accept_terms": "on", "terms_version": "1"}


def verified(user):
    """The user with a verified primary email address, as after confirming sign-up."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def in_moderation(user):
    """The staff user in the Moderation group (the services check the moderation rights)."""
    user.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return user


def log_in_with_second_factor(client, user):
    """A session that passed password and TOTP, as allauth records it after a real login."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def log_in(client, user):
    """Log in as after a real login: staff with their second factor (staff powers need it)."""
    if user.is_staff:
        return log_in_with_second_factor(client, user)
    client.force_login(user)
    return client


def unused_totp_code(secret: str, used: set[str]) -> str:
    """A TOTP code that allauth accepts now and that is not in ``used`` (then it is).

    A code works once. allauth accepts the codes of the previous, the current and the next
    period (MFA_TOTP_TOLERANCE = 1), so a second login within one period takes the next
    period's code (as an authenticator app shows it a moment later) instead of waiting.
    """
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    steps = range(1, mfa_settings.TOTP_TOLERANCE + 1)
    for candidate in [counter, *(counter + s for s in steps), *(counter - s for s in steps)]:
        code = format_hotp_value(hotp_value(secret, candidate))
        if code not in used:
            used.add(code)
            return code
    raise AssertionError("every code allauth accepts now has been used already")
