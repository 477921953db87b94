# The application image: gunicorn, the Celery worker and beat all run from it (deploy/docker-compose.yml).
# Static files are collected at build time, so the image serves them (WhiteNoise) with no volume.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/data/media \
    KHENTHUONG_VAR_DIR=/data/var

# pg_dump/pg_restore for `manage.py backup` and `restore` (the same major version as the server: 15).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# A throwaway key: settings refuse to start with DEBUG off and no key; nothing is signed here.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-at-build-time-only \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3

# A non-root user owns only what it writes: uploaded evidence and Celery beat's schedule.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin khenthuong \
    && mkdir -p /data/media /data/var \
    && chown -R khenthuong:khenthuong /data
USER khenthuong
VOLUME ["/data"]
EXPOSE 8000

# /healthz answers over plain HTTP with production settings (SECURE_REDIRECT_EXEMPT).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"

CMD ["gunicorn", "config.wsgi", "--workers", "3", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
