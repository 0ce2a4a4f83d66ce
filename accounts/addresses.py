"""A person's confirmed email addresses: invitations sent by address are bound to them."""

from allauth.account.models import EmailAddress


def verified_addresses(user) -> set[str]:
    """The user's confirmed email addresses, lower-cased (an invitation is bound to one)."""
    if not user.is_authenticated:
        return set()
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
