"""The deployment files agree with the app and with each other: the nginx template renders and
passes `nginx -t`, compose fills in the same template the benchmark tests, and the Dockerfile's
command, port and health check match the app's entry file and Streamlit's own health route.

No container runs here (there may be no Docker daemon): these check what can be checked without
one. `nginx -t` needs nginx (Debian: apt-get install nginx-light): without it that test skips,
unless STORYFRAMES_REQUIRE_NGINX=1, where a missing nginx fails it.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from benchmarks.load_client import STICKY_COOKIE
from benchmarks.replicas import PLACEHOLDERS, TEMPLATE, nginx_check, nginx_path, prepare_prefix, render_nginx_conf
from tests.browser.local_app import free_port

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
COMPOSE = ROOT / "deploy" / "compose.yaml"
APP_PORT = 8501


def _need_nginx() -> str:
    path = nginx_path()
    if path is None:
        if os.environ.get("STORYFRAMES_REQUIRE_NGINX") == "1":
            pytest.fail("nginx is not installed (STORYFRAMES_REQUIRE_NGINX=1, so this fails instead of skipping)", pytrace=False)
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light)")
    return path


def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def _without_comments(conf: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in conf.splitlines())


# ---------------------------------------------------------------------------------------------
# nginx


def test_the_template_has_exactly_its_two_placeholders():
    used = set(re.findall(r"\$\{([A-Z_]+)\}", _template()))
    assert used == set(PLACEHOLDERS)
    with pytest.raises(ValueError, match="at least one upstream"):
        render_nginx_conf("127.0.0.1:8080", [])
    with pytest.raises(ValueError, match="unfilled"):
        render_nginx_conf("127.0.0.1:8080", ["127.0.0.1:1"], template=_template() + "\n# ${STORYFRAMES_OTHER}\n")


def test_the_rendered_config_passes_nginx_t(tmp_path):
    _need_nginx()
    prefix = tmp_path / "nginx"
    prepare_prefix(prefix)
    conf = prefix / "nginx.conf"
    conf.write_text(render_nginx_conf(f"127.0.0.1:{free_port()}", ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"]))
    check = nginx_check(conf, prefix)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "test is successful" in check.stdout + check.stderr


def test_sessions_stick_by_the_load_clients_cookie_not_by_address():
    conf = _without_comments(render_nginx_conf("8080", ["127.0.0.1:1", "127.0.0.1:2"]))
    assert "ip_hash" not in conf  # every loopback reader (and a school's NAT) would share one replica
    upstream = re.search(r"upstream streamlit \{(.*?)\}", conf, re.DOTALL).group(1)
    assert re.search(r"^\s*hash \$sf_sticky_key consistent;", upstream, re.MULTILINE)
    assert upstream.count("server 127.0.0.1:") == 2
    # The key is the sticky cookie when there is one, and nginx sets that cookie when there is not.
    assert f"map $cookie_{STICKY_COOKIE} $sf_sticky_key" in conf
    assert f'"{STICKY_COOKIE}=$request_id; Path=/' in conf
    assert re.search(r"add_header Set-Cookie \$sf_set_cookie always;", conf)


def test_the_websocket_is_upgraded_and_kept_open():
    conf = _without_comments(render_nginx_conf("8080", ["127.0.0.1:1"]))
    stream = re.search(r"location /_stcore/stream \{(.*?)\}", conf, re.DOTALL).group(1)
    for line in ("proxy_pass http://streamlit;", "proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                 "proxy_set_header Connection $connection_upgrade;", "proxy_set_header Host $http_host;", "proxy_buffering off;"):
        assert line in stream
    timeout = re.search(r"proxy_read_timeout (\d+)([smh]);", stream)
    assert timeout and int(timeout.group(1)) * {"s": 1, "m": 60, "h": 3600}[timeout.group(2)] >= 3600
    # Every other path (the page, static files, /_stcore/health and host-config) goes to the same upstream.
    assert re.search(r"location / \{[^}]*proxy_pass http://streamlit;", conf)


def test_every_path_nginx_writes_is_under_its_prefix():
    conf = _without_comments(_template())
    paths = re.findall(r"^\s*(?:pid|error_log|access_log|\w+_temp_path)\s+(\S+)", conf, re.MULTILINE)
    assert len(paths) >= 8
    assert all(not p.startswith("/") for p in paths), paths
    assert "user " not in conf  # runs as whoever starts it


# ---------------------------------------------------------------------------------------------
# compose


def _compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_mounts_the_same_nginx_template_and_fills_the_same_placeholders():
    nginx = _compose()["services"]["nginx"]
    mounts = [v.split(":") for v in nginx["volumes"]]
    template_mounts = [(src, dst) for src, dst, *_ in mounts if (COMPOSE.parent / src).resolve() == TEMPLATE.resolve()]
    assert len(template_mounts) == 1, mounts
    inside = template_mounts[0][1]
    script = nginx["command"][-1]
    envsubst = re.search(r"envsubst '([^']*)' < (\S+) > (\S+)", script)
    assert envsubst and envsubst.group(2) == inside
    # "$$" is compose's escape for "$": envsubst gets exactly the template's placeholders.
    assert re.findall(r"\$\$\{([A-Z_]+)\}", envsubst.group(1)) == list(PLACEHOLDERS)
    assert set(PLACEHOLDERS) <= set(nginx["environment"])
    assert f"-c {envsubst.group(3)}" in script and "mkdir -p /tmp/nginx/logs /tmp/nginx/tmp" in script


def test_compose_points_nginx_at_the_app_service_on_the_images_port():
    services = _compose()["services"]
    app, nginx = services["app"], services["nginx"]
    assert (COMPOSE.parent / app["build"]["context"] / app["build"]["dockerfile"]).resolve() == DOCKERFILE.resolve()
    assert str(APP_PORT) in [str(p) for p in app["expose"]]
    assert re.fullmatch(rf"server app:{APP_PORT}( [^;]*)?;", nginx["environment"]["STORYFRAMES_UPSTREAMS"])
    listen = nginx["environment"]["STORYFRAMES_LISTEN"]
    assert any(p.endswith(f":{listen}") for p in nginx["ports"])
    assert nginx["depends_on"]["app"]["condition"] == "service_healthy"
    assert "replicas" in app["deploy"]


def test_compose_script_renders_a_config_nginx_accepts(tmp_path):
    """Run compose's own nginx start-up script here, with its paths moved into tmp_path and `nginx -t`."""
    _need_nginx()
    if shutil.which("envsubst") is None:
        pytest.skip("envsubst is not installed (Debian: gettext-base)")
    nginx = _compose()["services"]["nginx"]
    template_inside = next(v.split(":")[1] for v in nginx["volumes"] if v.startswith("./nginx.conf:"))
    script = (nginx["command"][-1].replace("$$", "$").replace(template_inside, str(TEMPLATE))
              .replace("/tmp/nginx", str(tmp_path / "nginx")).replace("exec nginx ", "exec nginx -t "))  # fmt: skip
    env = {**os.environ, **nginx["environment"], "STORYFRAMES_LISTEN": f"127.0.0.1:{free_port()}",
           "STORYFRAMES_UPSTREAMS": "server 127.0.0.1:8501 max_fails=1 fail_timeout=5s;"}  # "app" resolves only in compose
    run = subprocess.run(["/bin/sh", "-ec", script], env=env, capture_output=True, text=True, timeout=30, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    # envsubst and benchmarks/replicas.py fill in the template identically.
    rendered = (tmp_path / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    assert rendered == render_nginx_conf(env["STORYFRAMES_LISTEN"], ["127.0.0.1:8501"])


# ---------------------------------------------------------------------------------------------
# Dockerfile


def _instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    return [(m.group(1).upper(), m.group(2).strip()) for m in re.finditer(r"^\s*([A-Za-z]+)\s+(.*)$", text, re.MULTILINE)
            if not m.group(0).lstrip().startswith("#")]  # fmt: skip


def _one(name: str) -> str:
    values = [v for k, v in _instructions() if k == name]
    assert len(values) == 1, f"expected one {name} in the Dockerfile, found {values}"
    return values[0]


def test_dockerfile_runs_the_entry_file_on_the_exposed_port():
    cmd = json.loads(_one("CMD"))  # exec form: signals reach Streamlit, not a shell
    assert cmd[:3] == ["streamlit", "run", "dashboard.py"] and (ROOT / cmd[2]).is_file()
    options = dict(zip(cmd[3::2], cmd[4::2]))
    assert options == {"--server.address": "0.0.0.0", "--server.port": str(APP_PORT), "--server.headless": "true"}
    assert _one("EXPOSE") == str(APP_PORT)
    # The app's own config must not move it elsewhere (a port or a base path would break the health check).
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")).get("server", {})
    assert server.get("port", APP_PORT) == APP_PORT and not server.get("baseUrlPath")


def test_dockerfile_health_check_asks_streamlits_health_route():
    check = _one("HEALTHCHECK")
    cmd = json.loads(check.split("CMD", 1)[1])
    assert cmd[:2] == ["python", "-c"] and "urllib.request" in cmd[2]  # no curl in the slim image
    url = re.search(r"'(http://[^']+)'", cmd[2]).group(1)
    assert url == f"http://127.0.0.1:{APP_PORT}/_stcore/health"
    import streamlit.web.server.starlette.starlette_routes as routes

    assert "_stcore/health" in Path(routes.__file__).read_text(encoding="utf-8")  # Streamlit still serves that route


@pytest.mark.parametrize("body,status,code", [(b"ok", 200, 0), (b"starting", 503, 1)], ids=["healthy", "unhealthy"])
def test_dockerfile_health_check_code_runs(body, status, code):
    """The health check's Python, pointed at a stand-in server, exits 0 on "ok" and non-zero otherwise."""

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            self.send_response(status if self.path == "/_stcore/health" else 404)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        snippet = json.loads(_one("HEALTHCHECK").split("CMD", 1)[1])[2].replace(f":{APP_PORT}/", f":{server.server_port}/")
        run = subprocess.run([sys.executable, "-c", snippet], capture_output=True, timeout=15, check=False)
        assert (run.returncode == 0) == (code == 0), run.stderr
    finally:
        server.shutdown()


def test_dockerfile_installs_the_runtime_only_and_runs_as_a_plain_user():
    assert _one("FROM") == "python:3.11-slim"  # the Python CI uses
    runs = " ".join(v for k, v in _instructions() if k == "RUN")
    assert "pip install -r requirements.txt" in runs and "requirements-dev" not in runs
    user = _one("USER")
    assert user not in ("root", "0") and not user.startswith("0:")


def test_dockerfile_copies_every_part_of_the_app_and_dockerignore_keeps_them():
    copied = set()
    for k, v in _instructions():
        if k == "COPY":
            *sources, _dest = v.split()
            copied |= {s.rstrip("/") for s in sources if not s.startswith("--")}
    needed = {"requirements.txt", ".streamlit", "dashboard.py", "pages", "storyframes", "data"}
    assert needed <= copied
    assert all((ROOT / c).exists() for c in copied)
    ignored = {line.strip().rstrip("/") for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}  # fmt: skip
    assert not (needed & ignored)
    assert ".streamlit/secrets.toml" in ignored


def test_an_upload_is_refused_at_every_door_before_the_app_reads_it():
    """The app reads at most MAX_BYTES of a file; the browser, Streamlit and nginx each refuse a
    bigger file before the app holds it (Streamlit's default would be 200 MB): the server's limit
    is the app's own, to the byte, and Streamlit itself reads it from the config file."""
    from storyframes.autocode.reading import MAX_BYTES, MAX_UPLOAD_MB

    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")).get("server", {})
    assert server.get("maxUploadSize") == MAX_UPLOAD_MB, "server.maxUploadSize must be the uploader's limit"
    assert MAX_BYTES == MAX_UPLOAD_MB * 1024 * 1024  # Streamlit's megabyte: nothing the app refuses gets past the server
    read = subprocess.run([sys.executable, "-c", "from streamlit import config; config.get_config_options(force_reparse=True); "
                           "print(config.get_option('server.maxUploadSize'))"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert read.stdout.strip().splitlines()[-1] == str(MAX_UPLOAD_MB), read.stderr
    page = (ROOT / "pages" / "10_Add_an_article.py").read_text(encoding="utf-8")
    assert "max_upload_size=view.MAX_UPLOAD_MB" in page
    body = re.search(r"client_max_body_size\s+(\d+)m;", (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"))
    assert body and MAX_UPLOAD_MB <= int(body.group(1)) <= 2 * MAX_UPLOAD_MB
