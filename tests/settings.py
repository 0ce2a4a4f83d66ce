"""The test overlay: production settings with what a test run needs changed."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault(
    "SECRET_KEY", "tests-only-secret-key-that-is-long-and-random-enough-0123456789"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from zukunftsplattform.settings import *  # noqa: F403

# Several test runs may share one server (e.g. parallel checkouts): each may name its own.
DATABASES["default"]["TEST"] = {
    "NAME": os.environ.get("TEST_DATABASE_NAME", "test_zukunftsplattform")
}

# A test database is thrown away: a commit need not wait until its WAL reached the disk
# (fsync took ~5 ms per commit here, and the browser and transactional tests commit often).
# Durability only, never consistency: a crash of the server loses the last commits at most.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Each test starts with an empty cache (tests/conftest.py); production uses the database
# cache or Redis, which tests/test_settings.py checks.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Fragments are rendered every time, so that query counts do not depend on which test
    # ran before; tests/projects/test_fragment_cache.py switches a real one on.
    "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Pages are rendered for every request, for the same reason; tests/test_page_cache.py
# switches the page cache on.
PAGE_CACHE_SECONDS = 0

# Uploads made by tests go to a throwaway folder, never into the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="zukunftsplattform-test-media-"))
