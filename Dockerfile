# Homeward's production image (README "Running in production"): gunicorn and the task worker
# (python -m homeward.serve) on production settings, static files collected at build time and
# served by WhiteNoise. compose.yaml runs the web server, the worker and PostgreSQL from it.

# GOV.UK Frontend and MOJ Frontend come from npm; only node_modules is kept from this stage.
FROM python:3.11-slim AS frontend
RUN apt-get update \
    && apt-get install -y --no-install-recommends npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOMEWARD_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    HOMEWARD_UPLOAD_ROOT=/app/var/uploads \
    HOMEWARD_DOCUMENT_ROOT=/app/var/documents
# WeasyPrint (printable minutes, panel lists) needs Pango and fonts; the PostgreSQL client is for
# pg_dump and pg_restore (README "Backups and restore").
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The dependencies first (from pyproject.toml), so a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt
COPY --from=frontend /app/node_modules ./node_modules
COPY . .
RUN pip install --no-deps -e . \
    && HOMEWARD_ENV=production \
       DJANGO_SECRET_KEY=collectstatic-at-build-time-only-this-key-never-signs-anything \
       DJANGO_ALLOWED_HOSTS=build DATABASE_URL=postgres://build@build/build \
       python manage.py collectstatic --no-input --verbosity 0 \
    && useradd --system --uid 10001 --home-dir /app homeward \
    && mkdir -p var/uploads var/documents \
    && chown -R homeward:homeward var
USER homeward
EXPOSE 8000
VOLUME ["/app/var/uploads", "/app/var/documents"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
CMD ["python", "-m", "homeward.serve"]
