# syntax=docker/dockerfile:1
# Production image of the Zukunftsplattform: gunicorn serving Django, static files by WhiteNoise.
#   docker build -t zukunftsplattform .
#   docker compose up            (see compose.yaml and .env.example)

# --- Build stage: dependencies and static files ----------------------------------------
FROM python:3.13-slim-bookworm AS builder

COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /uvx /bin/

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.13 \
    UV_PROJECT_ENVIRONMENT=/app/.venv

WORKDIR /app

# Dependencies first, so this layer is cached until pyproject.toml or uv.lock change.
COPY pyproject.toml uv.lock .python-version ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project

COPY . .

ENV PATH="/app/.venv/bin:$PATH"

# The compiled translations (.mo) are committed (no GNU gettext in the image): check they
# exist, then collect static files and compile the portal's modules (the runtime writes no
# bytecode: the code is read-only there). Settings need the variables to import; nothing
# connects to the database here.
RUN python -c "import pathlib, sys; missing = [str(p) for p in pathlib.Path('locale').glob('*/LC_MESSAGES/*.po') if not p.with_suffix('.mo').exists()]; sys.exit('missing .mo files (run make compilemessages): ' + ', '.join(missing) if missing else None)" \
    && DJANGO_DEBUG=0 \
       SECRET_KEY=build-only \
       ALLOWED_HOSTS=localhost \
       DATABASE_URL=postgres://build@localhost/build \
       python manage.py collectstatic --noinput \
    && python -m compileall -q -j 0 -x '/\.venv/' .

# --- Runtime stage ------------------------------------------------------------------------
FROM python:3.13-slim-bookworm

LABEL org.opencontainers.image.title="Zukunftsplattform für soziale Innovationen" \
      org.opencontainers.image.licenses="EUPL-1.2"

RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --no-log-init --create-home --home-dir /home/app \
       --shell /usr/sbin/nologin app

# Code and dependencies stay owned by root (read-only for the app); only media is writable.
COPY --from=builder /app /app
RUN mkdir -p /app/media && chown app:app /app/media

ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PORT=8000

WORKDIR /app
EXPOSE 8000
# Numeric, so orchestrators can verify runAsNonRoot (10001 = user app).
USER 10001:10001

# No curl in the slim image. Sends the first ALLOWED_HOSTS entry as Host header, otherwise
# Django would answer 400 to 127.0.0.1; /healthz is exempt from the HTTPS redirect.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = h if h and h != '*' else 'localhost'; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', headers={'Host': h}), timeout=4)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "zukunftsplattform.wsgi"]
