"""Places where other apps add to project pages without projects importing them.

Events, for example, registers a section that lists the events a project appeared in.
A section is a callable ``(request, project) -> dict | None`` returning
``{"template": ..., "context": {...}}``.
"""

DETAIL_SECTIONS: list = []


def register_detail_section(section) -> None:
    if section not in DETAIL_SECTIONS:
        DETAIL_SECTIONS.append(section)


def detail_sections(request, project) -> list[dict]:
    return [s for s in (section(request, project) for section in DETAIL_SECTIONS) if s]
