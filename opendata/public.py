"""What other parts of the portal may ask of the open data: nothing yet.

Other apps link to the open data page with ``{% url 'opendata:index' %}`` (a dataset's
section: ``#<dataset slug>``, e.g. ``#bedarfe-und-angebote``).
"""
