"""Who publishes the portal: the Atom feeds' author and the organiser in schema.org data."""

PUBLISHER_NAME = (
    "Sächsisches Staatsministerium für Soziales, Gesundheit und Gesellschaftlichen Zusammenhalt"
)
