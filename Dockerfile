# Production image: gunicorn serves the web app (static files through WhiteNoise); the same
# image runs the Celery worker, beat and the backup command (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production VAR_DIR=/var/lib/mentoring STATIC_ROOT=/app/static-collected \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint needs Pango (fonts for PDFs are bundled in static/); `manage.py backup` needs
# pg_dump, whose major version must be at least the server's (bookworm: 15, as in the compose file).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      postgresql-client \
 && rm -rf /var/lib/apt/lists/*

# A virtual environment, so the image builds the same on the official Python base and on a
# base made from Debian's own python3 (what CI does where no registry is reachable).
RUN python3 -m venv /opt/venv

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY mentoring ./mentoring
COPY programmes ./programmes
RUN pip install --no-cache-dir -c constraints.txt .
COPY . .

# collectstatic needs settings, not secrets: a throwaway key for this build step only. Static
# files stay root-owned in the image; the unprivileged user owns only what it writes: beat's
# schedule, the rendered PDFs (a volume in compose) and backups. The chown is recursive because
# settings create VAR_DIR/celery while collectstatic runs as root (beat died on it).
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
 && useradd --system --home /app mentoring \
 && mkdir -p /var/lib/mentoring/celery /var/lib/mentoring/media /var/lib/mentoring/backups \
 && chown -R mentoring: /var/lib/mentoring
USER mentoring

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["python", "mentoring/healthcheck.py"]
CMD ["gunicorn", "mentoring.wsgi:application", "--config", "python:mentoring.gunicorn"]
