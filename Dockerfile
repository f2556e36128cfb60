# Same Story, Different Frames: one Streamlit process serving the app on port 8501.
#
#   docker build -t storyframes .
#   docker run --rm -p 8501:8501 storyframes          then open http://localhost:8501
#
# Several replicas behind nginx with sticky sessions: deploy/compose.yaml (see docs/deploy.md).
# The image needs no network at run time: the data, map shapes and icon ship in it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The runtime only (requirements.txt); the tests' and benchmarks' tools stay out of the image.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# A user without a password or root rights runs the app; the app's files stay root's, read-only to it.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin storyframes

COPY .streamlit/ .streamlit/
COPY dashboard.py ./
COPY pages/ pages/
COPY storyframes/ storyframes/
COPY data/ data/

USER storyframes

EXPOSE 8501

# No curl in the slim image: Python's urllib asks Streamlit's own health route.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read().strip() == b'ok' else 1)"]

CMD ["streamlit", "run", "dashboard.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
