import pytest

from tests.privacy.person import a_person_with_data_everywhere


@pytest.fixture
def lotte(db):
    """A user with a row in every model of the inventory (and other people around her)."""
    return a_person_with_data_everywhere()
