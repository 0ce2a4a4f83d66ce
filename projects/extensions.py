"""Places where other apps add to project pages without projects importing them.

Events, for example, registers a section that lists the events a project appeared in;
the network registers who can help a project (its matching of needs and offers).
A section is a callable ``(request, project) -> dict | None`` returning
``{"template": ..., "context": {...}}``.
"""

DETAIL_SECTIONS: list = []
# Who can help a project (the network's matching): ``(project, *, limit) -> dict[str, list]``
# with the keys ``organisations``, ``people`` and ``projects``; registered by the network.
HELPER_FINDERS: list = []


def register_detail_section(section) -> None:
    if section not in DETAIL_SECTIONS:
        DETAIL_SECTIONS.append(section)


def register_helper_finder(finder) -> None:
    if finder not in HELPER_FINDERS:
        HELPER_FINDERS.append(finder)


def who_can_help(project, *, limit: int) -> dict[str, list]:
    """What the registered finders answer, merged (empty lists without any)."""
    helpers: dict[str, list] = {"organisations": [], "people": [], "projects": []}
    for finder in HELPER_FINDERS:
        for kind, found in finder(project, limit=limit).items():
            helpers[kind] = helpers.get(kind, []) + list(found)
    return helpers


def detail_sections(request, project) -> list[dict]:
    return [s for s in (section(request, project) for section in DETAIL_SECTIONS) if s]
