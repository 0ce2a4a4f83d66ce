import pytest

from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    from allauth.account.models import EmailAddress

    admin = UserFactory(is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    return admin
