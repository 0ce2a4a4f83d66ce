"""Django's database cache, with writes that cannot fail on PostgreSQL.

Django's ``DatabaseCache._base_set`` SELECTs the key and then, for ``add()`` of a key
that is still valid, falls through to a plain ``INSERT``: the unique key refuses it,
``add()`` catches the ``IntegrityError`` and returns False. That is the normal answer
of ``add()``, yet PostgreSQL logs every refused INSERT as an ERROR and rolls back a
transaction. Our rate limit (``zukunftsplattform.ratelimit.hit``) calls ``add()`` for
its counter on every request, and allauth's rate limiter takes a lock with ``add()``
that a concurrent request may hold, so the server log filled with
``duplicate key value violates unique constraint "portal_cache_pkey"`` on every
rate-limited request. Two requests that ``set()`` a new key at once collide the same
way. ``incr()`` (a get and a set) lost counts when two requests raced.

Here each write is one ``INSERT ... ON CONFLICT`` statement, which never raises on a
duplicate key, and ``incr()`` updates the row under a row lock. Other databases keep
Django's implementation.
"""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    # Overrides private methods of Django's DatabaseCache (_base_set, _table, _cull), which
    # django-stubs does not describe: the ignores below say only that.

    def _connection(self):
        return connections[router.db_for_write(self.cache_model_class)]

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        connection = self._connection()
        if connection.vendor != "postgresql" or mode == "touch":  # touch is an UPDATE
            return super()._base_set(mode, key, value, timeout)  # type: ignore[misc]
        timeout = self.get_backend_timeout(timeout)
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)  # type: ignore[attr-defined]
        now = tz_now().replace(microsecond=0)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = expires.replace(microsecond=0)
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        sql = (
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (cache_key) DO UPDATE SET value = EXCLUDED.value, "
            "expires = EXCLUDED.expires"
        )
        params = [key, encoded, connection.ops.adapt_datetimefield_value(expires)]
        if mode == "add":  # only replaces a row that has expired
            sql += f" WHERE {table}.expires < %s"
            params.append(connection.ops.adapt_datetimefield_value(now))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            num = cursor.fetchone()[0]
            if num > self._max_entries:
                self._cull(connection.alias, cursor, now, num)  # type: ignore[attr-defined]
            cursor.execute(sql, params)
            return cursor.rowcount == 1

    def incr(self, key, delta=1, version=None):
        connection = self._connection()
        if connection.vendor != "postgresql":
            return super().incr(key, delta, version)  # pragma: no cover - not PostgreSQL
        key = self.make_and_validate_key(key, version=version)
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value FROM {table} WHERE cache_key = %s AND expires > %s FOR UPDATE",
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(row[0].encode(), validate=True)) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])
        return value
