"""Rows that point at exactly one of several things: a contact request goes to a project,
an organisation or a person (``contact.ContactRequest``), a follow is of a project, an
organisation or an event series (``following.Follow``). Each holds one nullable foreign
key per kind; ``OneTarget`` gives the database check that exactly one is set and reads
which one it is::

    ADDRESSEE = OneTarget("project", "organisation", "person")

    class ContactRequest(models.Model):
        ...
        class Meta:
            constraints = [ADDRESSEE.constraint("contact_request_one_addressee")]

        @property
        def addressee(self):
            return ADDRESSEE.target_of(self)
"""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q


class OneTarget:
    """Exactly one of the nullable foreign keys ``fields`` is set."""

    def __init__(self, *fields: str):
        self.fields = fields

    def constraint(self, name: str) -> models.CheckConstraint:
        """The check that exactly one of the fields is set (``name``: the constraint's)."""
        return models.CheckConstraint(
            condition=reduce(
                or_,
                (Q(**{f"{f}__isnull": f != chosen for f in self.fields}) for chosen in self.fields),
            ),
            name=name,
        )

    def kind_of(self, obj) -> str:
        """The name of the field that is set (read from its ``_id``, no query)."""
        return next(field for field in self.fields if getattr(obj, f"{field}_id"))

    def target_of(self, obj):
        """What the row points at."""
        return getattr(obj, self.kind_of(obj))
