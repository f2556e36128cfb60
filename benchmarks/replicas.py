"""Several Streamlit processes of the app behind nginx with sticky sessions, on this machine.

Usage:  python benchmarks/replicas.py [--replicas 2] [--listen 127.0.0.1:8080] [--log-dir DIR]

Starts K `streamlit run` processes on free loopback ports, renders deploy/nginx.conf (the same
template deploy/compose.yaml uses) with their ports, starts nginx as the current user with every
path under a temporary prefix (pid file, logs, temporary files), waits until `/_stcore/health`
answers through nginx, and stops everything on exit: normal end, an error, Ctrl-C or SIGTERM.
Every child is also asked to die with this process (Linux PR_SET_PDEATHSIG), so none is left
behind even if this process is killed outright.

The benchmark (benchmarks/bench_load.py) and the browser check use it as a context manager:
`with replicas(2) as cluster: ... cluster.url ...`.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.local_app import free_port, health  # noqa: E402

TEMPLATE = ROOT / "deploy" / "nginx.conf"
PLACEHOLDERS = ("STORYFRAMES_LISTEN", "STORYFRAMES_UPSTREAMS")
APP = "dashboard.py"
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 10


class StartError(RuntimeError):
    """A process that did not come up; the message says which, and where its log is."""


# ---------------------------------------------------------------------------------------------
# The nginx configuration


def render_nginx_conf(listen: str, upstreams: Sequence[str], template: str | None = None) -> str:
    """deploy/nginx.conf with its two placeholders filled in, exactly as envsubst would fill them."""
    if not upstreams:
        raise ValueError("at least one upstream (HOST:PORT) is needed")
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    servers = "\n        ".join(f"server {u} max_fails=1 fail_timeout=5s;" for u in upstreams)
    for name, value in zip(PLACEHOLDERS, (listen, servers)):
        text = text.replace("${" + name + "}", value)
    left = re.findall(r"\$\{[A-Z_]+\}", text)
    if left:
        raise ValueError(f"placeholders left unfilled in the nginx template: {sorted(set(left))}")
    return text


def nginx_path() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None)


def prepare_prefix(prefix: Path) -> None:
    """The directories nginx writes below its prefix (logs, temporary files)."""
    for sub in ("logs", "tmp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    # Started by root, nginx's workers drop to `nobody`: they must be able to reach tmp/.
    prefix.chmod(0o755)


def nginx_check(conf: Path, prefix: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on a rendered configuration (stdout+stderr in .stdout)."""
    binary = nginx_path()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (Debian: apt-get install nginx-light)")
    return subprocess.run([binary, "-t", "-p", f"{prefix}/", "-c", str(conf)], capture_output=True, text=True,
                          timeout=30, stdin=subprocess.DEVNULL, check=False)


# ---------------------------------------------------------------------------------------------
# Processes


def _load_prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()  # looked up once, in the parent: the child then only calls it


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the parent dies (Linux), so nothing is orphaned.

    Run between fork and exec, it does nothing but one system call through a function looked up
    beforehand (no import, no library loading), which is what keeps a `preexec_fn` safe."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1


def stop_all(procs: Sequence[subprocess.Popen | None], sig: int = signal.SIGTERM) -> None:
    """Signal every process (and its process group) at once, then wait for each; kill what lingers."""
    live = [p for p in procs if p is not None and p.poll() is None]
    for proc in live:
        try:
            os.killpg(proc.pid, sig)  # its own process group (start_new_session): nginx's workers too
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for proc in live:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=5)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class StreamlitProcess:
    """`python -m streamlit run SCRIPT` on a free port of one address, cwd = the repository root."""

    script: str
    log_path: Path
    address: str = "127.0.0.1"
    port: int = 0
    proc: subprocess.Popen | None = None
    options: tuple[str, ...] = ()  # more `streamlit run` options, e.g. ("--server.disconnectedSessionTTL", "3")

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.address", self.address,
            "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
            # Others may edit files meanwhile: no reruns or "source changed" banners mid-run.
            "--server.fileWatcherType", "none",
            *self.options,
        ]  # fmt: skip

    def launch(self) -> None:
        """Start the process without waiting for it (several start in parallel); see `wait_healthy`."""
        self.port = self.port or free_port()
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"==== {self.script} on {self.address}:{self.port} ====\n")
            log.flush()
            self.proc = subprocess.Popen(self.command(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
                                         preexec_fn=_die_with_parent)  # noqa: PLW1509  # fmt: skip

    def wait_healthy(self, timeout_s: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                break
            # "ok" alone could come from someone else's server: the log must name our port too.
            if health(f"{self.url}/_stcore/health") == "ok" and f":{self.port}" in _tail(self.log_path, 40):
                return
            time.sleep(0.05)
        raise StartError(f"{self.script} on port {self.port} did not become healthy within {timeout_s:g} s; "
                         f"log {self.log_path}:\n{_tail(self.log_path)}")

    def ensure_healthy(self, attempts: int = 3) -> None:
        """`wait_healthy`, relaunching on a new port if another process took ours meanwhile."""
        for attempt in range(attempts):
            try:
                return self.wait_healthy()
            except StartError:
                if attempt == attempts - 1 or "is not available" not in _tail(self.log_path, 40):
                    raise
                self.stop()
                self.port = 0
                self.launch()

    def stop(self) -> None:
        stop_all([self.proc])


@dataclass
class Nginx:
    """nginx in the foreground (`daemon off`) with a rendered deploy/nginx.conf under `prefix`."""

    prefix: Path
    listen_host: str
    listen_port: int
    upstreams: list[str]
    proc: subprocess.Popen | None = None

    @property
    def conf(self) -> Path:
        return self.prefix / "nginx.conf"

    @property
    def access_log(self) -> Path:
        return self.prefix / "logs" / "access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "logs" / "error.log"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.listen_host in ("", "0.0.0.0", "*") else self.listen_host
        return f"http://{host}:{self.listen_port}"

    def start(self, timeout_s: float = 30) -> None:
        binary = nginx_path()
        if binary is None:
            raise StartError("nginx is not installed (Debian: apt-get install nginx-light)")
        prepare_prefix(self.prefix)
        listen = f"{self.listen_host}:{self.listen_port}" if self.listen_host else str(self.listen_port)
        self.conf.write_text(render_nginx_conf(listen, self.upstreams), encoding="utf-8")
        check = nginx_check(self.conf, self.prefix)
        if check.returncode != 0:
            raise StartError(f"nginx -t rejected {self.conf}:\n{check.stdout}{check.stderr}")
        out = (self.prefix / "logs" / "nginx.out").open("a", encoding="utf-8")
        with out:
            self.proc = subprocess.Popen([binary, "-p", f"{self.prefix}/", "-c", str(self.conf), "-g", "daemon off;"],
                                         stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                                         preexec_fn=_die_with_parent)  # noqa: PLW1509  # fmt: skip
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self.proc.poll() is None:
            if health(f"{self.url}/_stcore/health") == "ok":
                return
            time.sleep(0.05)
        raise StartError(f"nginx on {listen} did not answer /_stcore/health within {timeout_s:g} s:\n"
                         f"{_tail(self.error_log)}\n{_tail(self.prefix / 'logs' / 'nginx.out')}")

    def stop(self) -> None:
        stop_all([self.proc])  # SIGTERM: nginx's fast shutdown, workers included


@dataclass
class Cluster:
    """K replicas behind nginx: `url` is nginx's address."""

    servers: list[StreamlitProcess]
    nginx: Nginx

    @property
    def url(self) -> str:
        return self.nginx.url

    @property
    def pids(self) -> list[int]:
        return [s.pid for s in self.servers]

    def sticky_report(self) -> StickyReport:
        return sticky_report(self.nginx.access_log)


@dataclass
class StickyReport:
    """From nginx's access log: which replica(s) each browser key reached, and sessions per replica."""

    upstreams_by_key: dict[str, set[str]] = field(default_factory=dict)
    sessions_by_upstream: Counter[str] = field(default_factory=Counter)
    requests: int = 0

    @property
    def split_keys(self) -> list[str]:
        """Keys whose requests reached more than one replica: stickiness broken for them."""
        return sorted(k for k, ups in self.upstreams_by_key.items() if len(ups) > 1)


_LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<path>\S+)[^"]*" (?P<status>\d{3}) \S+ key=(?P<key>\S*) upstream=(?P<up>\S*)')


def sticky_report(access_log: Path) -> StickyReport:
    """Parse the `sticky` log format of deploy/nginx.conf."""
    report = StickyReport()
    by_key: dict[str, set[str]] = defaultdict(set)
    text = access_log.read_text(encoding="utf-8", errors="replace") if access_log.exists() else ""
    for line in text.splitlines():
        m = _LOG_LINE.search(line)
        if not m or m["up"] in ("", "-"):
            continue
        report.requests += 1
        ups = {u.strip() for u in m["up"].split(",")}  # "a, b" when nginx retried on another replica
        by_key[m["key"]].update(ups)
        if m["path"].split("?")[0].endswith("/_stcore/stream"):
            report.sessions_by_upstream[m["up"].split(",")[-1].strip()] += 1
    report.upstreams_by_key = dict(by_key)
    return report


# ---------------------------------------------------------------------------------------------
# Context managers


@contextmanager
def _workdir(log_dir: Path | None) -> Iterator[Path]:
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        yield log_dir
    else:
        with tempfile.TemporaryDirectory(prefix="storyframes-replicas-") as tmp:
            yield Path(tmp)


@contextmanager
def streamlit_servers(scripts: Sequence[str], log_dir: Path | None = None,
                      options: Sequence[str] = ()) -> Iterator[list[StreamlitProcess]]:
    """One Streamlit process per script, started in parallel on loopback, all stopped on exit;
    `options` are added to every `streamlit run` command line."""
    with _workdir(log_dir) as work:
        servers = [StreamlitProcess(s, work / f"streamlit-{i}-{Path(s).stem}.log", options=tuple(options))
                   for i, s in enumerate(scripts)]
        try:
            for server in servers:
                server.launch()
            for server in servers:
                server.ensure_healthy()
            yield servers
        finally:
            stop_all([s.proc for s in servers])


@contextmanager
def replicas(count: int, script: str = APP, listen: str = "127.0.0.1:0", log_dir: Path | None = None) -> Iterator[Cluster]:
    """`count` Streamlit processes of `script` behind nginx listening on `listen` (port 0: a free one)."""
    if count < 1:
        raise ValueError("at least one replica")
    host, _, port = listen.rpartition(":")
    with ExitStack() as stack:
        work = stack.enter_context(_workdir(log_dir))
        servers = stack.enter_context(streamlit_servers([script] * count, work))
        nginx = Nginx(work / "nginx", host, int(port) or free_port(), [f"127.0.0.1:{s.port}" for s in servers])
        stack.callback(nginx.stop)
        nginx.start()
        yield Cluster(servers, nginx)


def _raise_interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (default 2; about one per core)")
    parser.add_argument("--listen", default="127.0.0.1:8080",
                        help="where nginx listens (default 127.0.0.1:8080; 0.0.0.0:8080 for a classroom network)")
    parser.add_argument("--script", default=APP, help=f"the app's entry file (default {APP})")
    parser.add_argument("--log-dir", type=Path, help="keep logs and the rendered nginx.conf here (default: a temporary directory)")
    args = parser.parse_args(argv)
    # Ctrl-C, `kill`, a closed terminal: all end in the same clean stop (SIGINT explicitly too,
    # since a shell starts background jobs with it ignored).
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_interrupt)
    try:
        with replicas(args.replicas, args.script, args.listen, args.log_dir) as cluster:
            print(f"{len(cluster.servers)} replicas: " + ", ".join(s.url for s in cluster.servers), flush=True)
            print(f"nginx: {cluster.url}  (config {cluster.nginx.conf}, logs {cluster.nginx.prefix / 'logs'})", flush=True)
            print("Serving. Ctrl-C stops everything.", flush=True)
            while all(s.proc and s.proc.poll() is None for s in cluster.servers) and cluster.nginx.proc.poll() is None:
                time.sleep(1)
            print("A process exited; stopping the rest.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
        return 0
    except StartError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
