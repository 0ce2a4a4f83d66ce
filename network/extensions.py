"""Places where other apps add to network profiles without the network importing them.

Events, for example, registers a section that lists the events a person spoke at (the
network never imports events). A section is a callable ``(request, obj) -> dict | None``
returning ``{"template": ..., "context": {...}}``; it is only asked for public profiles.
"""

PERSON_SECTIONS: list = []
ORGANISATION_SECTIONS: list = []


def register_person_section(section) -> None:
    if section not in PERSON_SECTIONS:
        PERSON_SECTIONS.append(section)


def register_organisation_section(section) -> None:
    if section not in ORGANISATION_SECTIONS:
        ORGANISATION_SECTIONS.append(section)


def person_sections(request, person) -> list[dict]:
    return [s for s in (section(request, person) for section in PERSON_SECTIONS) if s]


def organisation_sections(request, organisation) -> list[dict]:
    return [s for s in (section(request, organisation) for section in ORGANISATION_SECTIONS) if s]
