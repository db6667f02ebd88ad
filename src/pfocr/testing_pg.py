"""A throwaway PostgreSQL server for the tests and benchmarks: Debian's ``postgresql``
binaries, ``initdb`` in a temporary folder, listening on 127.0.0.1 at a free port, run as
an unprivileged user when started as root (the server refuses to run as root).

>>> with PgServer() as server:           # doctest: +SKIP
...     url = server.create_database()   # a fresh, empty database per test
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from types import TracebackType

import psycopg

__all__ = ["PgServer", "PgServerError", "find_bindir"]

#: The user the server runs as when the tests run as root (Debian's package creates it).
SERVICE_USER = "postgres"


class PgServerError(RuntimeError):
    """The throwaway server could not be started."""


def find_bindir() -> Path:
    """The folder of the newest installed PostgreSQL server binaries.

    :returns: e.g. ``/usr/lib/postgresql/15/bin``
    :raises PgServerError: when no server is installed
    """
    override = os.environ.get("PFOCR_PG_BINDIR")
    candidates = [override] if override else []
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    candidates += found[::-1]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file():
            return Path(folder)
    raise PgServerError(
        "no PostgreSQL server binaries (initdb): `make test` installs Debian's postgresql"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """Start a throwaway PostgreSQL cluster; stop it and delete its files on exit.

    :param bindir: the server binaries (default :func:`find_bindir`)
    :param settings: server settings beyond the test defaults (``shared_buffers``, ...)
    :raises PgServerError: when it cannot start (the message says why)
    """

    def __init__(self, bindir: Path | None = None, settings: dict[str, str] | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.settings = dict(settings or {})
        self.folder = Path(tempfile.mkdtemp(prefix="pfocr-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = "pfocr"
        self._as: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVICE_USER)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as = ["runuser", "-u", SERVICE_USER, "--"]
        self._started = False

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self._as, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise PgServerError(f"{Path(args[0]).name} failed: {' | '.join(tail)}")

    def start(self) -> PgServer:
        """Create the cluster and start the server.

        :returns: self
        """
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user,
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        options += "".join(f" -c {k}={v}" for k, v in self.settings.items())
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        self._started = True
        return self

    @property
    def url(self) -> str:
        """The URL of the server's ``postgres`` database."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        """The URL of one of the server's databases.

        :param database: its name
        :returns: ``postgresql://pfocr@127.0.0.1:PORT/NAME``
        """
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database.

        :param name: its name (default: a new unique one)
        :returns: its URL
        """
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        """Stop the server and delete its files."""
        if self._started:
            self._started = False
            with contextlib.suppress(PgServerError, subprocess.TimeoutExpired):
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PgServer:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
