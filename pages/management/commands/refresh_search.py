"""Index every project, organisation, person and event again.

Run after a release that changes how search reads text (README: Deploy); harmless
otherwise. Each object is indexed as its own service indexes it on every save.
"""

from django.core.management.base import BaseCommand

from zukunftsplattform.search import reindex_everything


class Command(BaseCommand):
    help = "Index every project, organisation, person and event for search again."

    def handle(self, *args, **options):
        for kind, count in reindex_everything().items():
            self.stdout.write(f"{kind}: {count}")
