# Production image: gunicorn serves the web app (static files through WhiteNoise); the same
# image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production VAR_DIR=/var/lib/mentoring

# WeasyPrint needs Pango; gettext compiles translations; fonts for PDFs are bundled in static/.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY mentoring ./mentoring
COPY programmes ./programmes
RUN pip install --no-cache-dir -c constraints.txt .
COPY . .

# collectstatic needs settings, not secrets: a throwaway key for this build step only.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
 && useradd --system --home /app mentoring && mkdir -p /var/lib/mentoring && chown mentoring /var/lib/mentoring
USER mentoring

EXPOSE 8000
CMD ["gunicorn", "mentoring.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
