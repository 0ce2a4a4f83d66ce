"""Places where other apps add to a person's profile without the network importing them.

Events, for example, registers a section that lists the events a person spoke at (the
network never imports events). A section is a callable ``(request, obj) -> dict | None``
returning ``{"template": ..., "context": {...}}``; it is only asked for public profiles.
"""

PERSON_SECTIONS: list = []


def register_person_section(section) -> None:
    if section not in PERSON_SECTIONS:
        PERSON_SECTIONS.append(section)


def person_sections(request, person) -> list[dict]:
    return [s for s in (section(request, person) for section in PERSON_SECTIONS) if s]
