"""A Streamlit server on 127.0.0.1 for the browser tests and the benchmarks: start it on a free
port, wait until its health check answers, stop or kill it; and the Debian chromium both drive.
Nothing of Pattana is imported here."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Debian's chromium (Playwright's own browser download does not work on this machine), headless.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """``streamlit run <app>`` on 127.0.0.1 with this environment, its output in ``log_path``;
    ready (health check answered) once the constructor returns."""

    def __init__(
        self,
        app: Path,
        *,
        env: dict[str, str],
        log_path: Path,
        extra_args: list[str] = (),
        timeout: float = 60,
        address: str = "127.0.0.1",
        base_path: str = "",
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.base_path = base_path.strip("/")  # server.baseUrlPath: the app at url/base_path
        if self.base_path:
            extra_args = [*extra_args, "--server.baseUrlPath", self.base_path]
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app),
                "--server.address",
                address,  # reached at 127.0.0.1 in any case
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_healthy(timeout)
        except BaseException:  # a server that never answered is not left running
            self.kill()
            raise

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.flush()
                raise RuntimeError(
                    f"the server exited with {self.process.returncode}: "
                    f"{self.log_path.read_text(errors='replace')[-2000:]}"
                )
            try:
                health = "/".join(filter(None, [self.url, self.base_path, "_stcore/health"]))
                with urllib.request.urlopen(health, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not become healthy")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
