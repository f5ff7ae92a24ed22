# Uitwisselplek in a container: the same install steps as scripts/install.sh, data on a volume.
# Set UITWISSELPLEK_PUBLIC_URL to the address phones use (the QR code points there), e.g.
#   docker build -t uitwisselplek . && docker run -p 8080:8080 -v plek:/data \
#     -e UITWISSELPLEK_PUBLIC_URL=http://192.168.1.20:8080 uitwisselplek
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UITWISSELPLEK_DATA_DIR=/data \
    UITWISSELPLEK_HOST=0.0.0.0 \
    UITWISSELPLEK_PORT=8080

# Pango and a font for the report's PDF (WeasyPrint)
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/uitwisselplek
COPY pyproject.toml README.md ./
COPY app ./app
COPY components ./components
COPY assets ./assets
RUN pip install -e . && pybabel -q compile -d app/i18n/locales -D messages \
    && useradd --system --home /data plek && mkdir -p /data && chown plek /data

USER plek
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2)"
CMD ["uitwisselplek"]
