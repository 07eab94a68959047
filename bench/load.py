"""Load test: browser-like clients against a real ``docgen serve`` for a bounded time.

    .venv/bin/python bench/load.py [--clients 50] [--duration 60] [--think 0.5]

Starts ``docgen serve`` on 127.0.0.1 (a free port, a temporary DOCGEN_DATA_DIR, the demo
units of the first start), creates one user per client with the ``docgen`` CLI
(admin_unit and sekretaris_kbk in turn, spread over the units) and an API token for each,
then every client logs in through the login form (CSRF token read from the page) and,
one request at a time with a random pause of 0-2x``think`` seconds, repeats a mix of:

  list      GET /dokumen
  form      GET /dokumen/baru/rencana-tindak (the prefilled form)
  document  GET /dokumen/<id> of one of its drafts
  save      POST of the draft form as the page shows it, with a new name typed in (a new
            draft, or one of its own after GETting its page: counted as "form"/"document")
  pdf       POST /api/v1/documents/rencana-tindak/render?format=pdf (the sample, in the
            client's unit), about 5% of the requests

A 429 is "throttled": the client waits Retry-After and sends the request again. Errors:
any status >= 500, a connection error or timeout, any other 4xx, a save the returned page
does not show, a render that is not a PDF. At the end each client reads every draft it
saved back: the page must show what it saved last (else a lost draft).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

import lxml.html
from click.testing import CliRunner

if __package__ in (None, ""):  # run as a script: the repository's docgen
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen.cli import cli  # noqa: E402
from docgen.registry import REGISTRY  # noqa: E402

DOC_TYPE = "rencana-tindak"  # drafted by both unit roles; a one-page landscape table
NAME_FIELD = "agen_perubahan.nama"  # the field each save types a new value into
MIX = (("list", 30), ("document", 22), ("form", 8), ("save", 33), ("pdf", 7))
MAX_DRAFTS = 4  # per client; then saves update its own drafts
REQUEST_TIMEOUT = 120.0
MAX_RETRY_AFTER = 30.0


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    throttled: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def served(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)

    def error(self, kind: str, message: str) -> None:
        with self.lock:
            self.errors.append((kind, message))

    def throttle(self, kind: str) -> None:
        with self.lock:
            self.throttled[kind] += 1


@dataclass
class Result:
    clients: int
    duration: float
    think: float
    stats: Stats
    drafts_checked: int = 0
    lost: list[str] = field(default_factory=list)
    server_log: str = ""

    def requests(self, kind: str) -> int:
        return len(self.stats.latencies[kind]) + sum(k == kind for k, _ in self.stats.errors)


class FailedRequest(Exception):
    """Recorded as an error already; the client goes on with its next action."""


class Client:
    """One user in one browser: a cookie jar, its drafts and what it saved last."""

    def __init__(self, base: str, username: str, password: str, token: str, stats: Stats,
                 think: float, seed: int):
        self.base, self.username, self.password, self.token = base, username, password, token
        self.stats, self.think = stats, think
        self.random = random.Random(seed)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()))
        self.drafts: dict[int, set[str]] = {}  # id -> the value saved last (+ one in doubt)
        self.saves = 0
        self.render_input: dict | None = None

    # -- HTTP -------------------------------------------------------------------------
    def request(self, kind: str, path: str, data: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[str, bytes]:
        """(final URL, body) of a 2xx/3xx answer; a 429 is waited out and sent again."""
        while True:
            started = time.perf_counter()
            try:
                with self.opener.open(urllib.request.Request(
                        self.base + path, data, headers or {}), timeout=REQUEST_TIMEOUT) as r:
                    body, url = r.read(), r.url
            except urllib.error.HTTPError as exc:
                if exc.code == 429:
                    self.stats.throttle(kind)
                    time.sleep(_retry_after(exc.headers.get("Retry-After")))
                    continue
                text = exc.read()[:300].decode(errors="replace")
                self.fail(kind, f"{exc.code} {path}: {text}")
            except (OSError, ValueError) as exc:  # URLError, resets, timeouts, bad answers
                self.fail(kind, f"{type(exc).__name__} {path}: {exc}")
            self.stats.served(kind, time.perf_counter() - started)
            return url, body

    def fail(self, kind: str, message: str) -> None:
        self.stats.error(kind, message)
        raise FailedRequest(message)

    def form_on(self, kind: str, page: bytes, field_name: str = NAME_FIELD
                ) -> tuple[str, list[tuple[str, str]]]:
        """(action, fields) of the page's form with ``field_name`` (an error if none)."""
        try:
            return page_form(page, field_name)
        except ValueError as exc:
            self.fail(kind, str(exc))
            raise

    def pause(self) -> None:
        time.sleep(self.random.uniform(0, 2 * self.think))

    # -- a user's actions ---------------------------------------------------------------
    def login(self) -> None:
        _, page = self.request("login", "/masuk")
        token = dict(self.form_on("login", page, "password")[1]).get("csrf_token", "")
        form = {"csrf_token": token, "username": self.username, "password": self.password}
        url, _ = self.request("login", "/masuk", urllib.parse.urlencode(form).encode())
        if not urllib.parse.urlsplit(url).path.startswith("/dokumen"):
            self.fail("login", f"{self.username}: login did not lead to /dokumen ({url})")

    def act(self) -> None:
        kinds, weights = zip(*MIX, strict=True)
        kind = self.random.choices(kinds, weights)[0]
        if kind == "document" and not self.drafts:
            kind = "form"
        if kind == "list":
            self.request("list", "/dokumen")
        elif kind == "form":
            self.open_form()
        elif kind == "document":
            self.request("document", f"/dokumen/{self.random.choice(list(self.drafts))}")
        elif kind == "save":
            self.save()
        else:
            self.render_pdf()

    def open_form(self) -> tuple[str, list[tuple[str, str]]]:
        _, page = self.request("form", f"/dokumen/baru/{DOC_TYPE}")
        action, fields = self.form_on("form", page)
        if self.render_input is None:
            self.render_input = render_input(dict(fields))
        return action, fields

    def save(self) -> None:
        if not self.drafts or (len(self.drafts) < MAX_DRAFTS and self.random.random() < 0.3):
            action, fields = self.open_form()
        else:
            _, page = self.request("document",
                                   f"/dokumen/{self.random.choice(list(self.drafts))}")
            action, fields = self.form_on("document", page)
        self.pause()
        self.saves += 1
        value = f"{self.username.upper()} & TIM, simpanan {self.saves}"
        posted = [(k, v) for k, v in fields if k != NAME_FIELD] + [(NAME_FIELD, value),
                                                                     ("_action", "save")]
        draft_id = _draft_id(action)
        if draft_id is not None:  # in doubt until the answer shows it saved
            self.drafts.setdefault(draft_id, set()).add(value)
        _, page = self.request("save", action, urllib.parse.urlencode(posted).encode())
        saved_action, saved = self.form_on("save", page)
        saved_id = _draft_id(saved_action)
        if saved_id is None or dict(saved).get(NAME_FIELD) != value:
            self.fail("save", f"the page after saving does not show {value!r} ({action})")
        self.drafts[saved_id] = {value}

    def render_pdf(self) -> None:
        if self.render_input is None:
            self.open_form()
        body = json.dumps(self.render_input).encode()
        _, pdf = self.request("pdf", f"/api/v1/documents/{DOC_TYPE}/render?format=pdf", body,
                              {"Authorization": f"Bearer {self.token}",
                               "Content-Type": "application/json"})
        if not pdf.startswith(b"%PDF"):
            self.fail("pdf", f"not a PDF: {pdf[:60]!r}")

    def run(self, deadline: float) -> None:
        try:
            self.login()
        except FailedRequest:
            return
        while time.monotonic() < deadline:
            self.pause()
            with contextlib.suppress(FailedRequest):
                self.act()

    def check_drafts(self) -> list[str]:
        """Every draft saved: the page shows the last value saved (lost ones described)."""
        lost = []
        for draft_id, expected in self.drafts.items():
            try:
                _, page = self.request("verify", f"/dokumen/{draft_id}")
                shown = dict(self.form_on("verify", page)[1]).get(NAME_FIELD)
            except FailedRequest:
                lost.append(f"{self.username}: draft {draft_id} unreadable")
                continue
            if shown not in expected:
                lost.append(f"{self.username}: draft {draft_id} shows {shown!r}, saved "
                            f"{sorted(expected)}")
        return lost


def page_form(page: bytes, field_name: str) -> tuple[str, list[tuple[str, str]]]:
    """(action, what a browser posts) of the form on ``page`` that has the input
    ``field_name`` (row templates are not posted by a browser); ValueError if none."""
    root = lxml.html.fromstring(page)
    for template in list(root.iter("template")):
        template.drop_tree()
    for form in root.forms:
        if field_name in form.inputs:
            return form.get("action") or "", list(form.form_values())
    raise ValueError(f"no form with {field_name!r} on the page: {page[:200]!r}")


def render_input(prefilled: dict[str, str]) -> dict:
    """The type's sample with the unit and head of unit the form prefilled."""
    data = REGISTRY.get(DOC_TYPE).load_sample()
    data["unit_kerja"] = prefilled["unit_kerja"]
    for key in ("nama", "nip", "jabatan"):
        data["pimpinan"][key] = prefilled[f"pimpinan.{key}"]
    return data


def _draft_id(action: str) -> int | None:
    last = action.rstrip("/").rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else None


def _retry_after(value: str | None) -> float:
    try:
        return min(max(float(value or 1), 0.1), MAX_RETRY_AFTER)
    except ValueError:
        return 1.0


def run(clients: int = 50, duration: float = 60.0, think: float = 0.5,
        data_dir: Path | None = None, seed: int = 10) -> Result:
    """Start the server, run the clients for ``duration`` seconds, check every draft."""
    with tempfile.TemporaryDirectory(prefix="docgen-load-") as scratch:
        data_dir = data_dir or Path(scratch) / "data"
        log_path = Path(scratch) / "serve.log"
        port = free_port()
        server = start_server(data_dir, port, log_path)
        stats = Stats()
        result = Result(clients, duration, think, stats)
        try:
            accounts = create_accounts(data_dir, clients)
            users = [Client(f"http://127.0.0.1:{port}", *account, stats, think, seed + i)
                     for i, account in enumerate(accounts)]
            deadline = time.monotonic() + duration
            _all(users, lambda client: client.run(deadline))
            _all(users, lambda client: result.lost.extend(client.check_drafts()))
            result.drafts_checked = sum(len(client.drafts) for client in users)
        finally:
            stopped, result.server_log = stop_server(server, log_path)
            if not stopped:
                stats.error("server", "docgen serve did not stop on SIGTERM within 30 s")
    return result


def _all(clients: list[Client], work) -> None:
    threads = [threading.Thread(target=work, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# -- the server and its accounts -------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int, log_path: Path) -> subprocess.Popen:
    """``docgen serve`` on 127.0.0.1:``port``, once its login page answers."""
    docgen = Path(sys.executable).with_name("docgen")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(docgen), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env={**os.environ, "DOCGEN_DATA_DIR": str(data_dir)}, stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"docgen serve stopped: {log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk", timeout=5):
                return process
        except OSError:
            time.sleep(0.3)
    stop_server(process, log_path)
    raise RuntimeError("docgen serve did not answer within 90 s")


def stop_server(process: subprocess.Popen, log_path: Path) -> tuple[bool, str]:
    """SIGTERM, as a service manager stops it; (stopped in time and exit 0, its log)."""
    process.send_signal(signal.SIGTERM)
    try:
        stopped = process.wait(30) == 0
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        stopped = False
    return stopped, log_path.read_text(errors="replace")


def create_accounts(data_dir: Path, count: int, unit_name: str | None = None,
                    roles: tuple[str, ...] = ("admin_unit", "sekretaris_kbk")
                    ) -> list[tuple[str, str, str]]:
    """(username, password, API token) of ``count`` new users made with the ``docgen``
    CLI: ``roles`` in turn, spread over the units (all in the unit named ``unit_name``
    if given)."""
    units = [int(line.split()[0]) for line in _docgen(data_dir, "units").splitlines()
             if unit_name is None or unit_name in line]
    accounts = []
    for index in range(count):
        username = f"beban{index + 1:02d}"
        password = f"Uji-Beban-{secrets.token_hex(8)}"
        role = roles[index % len(roles)]
        unit = units[(index // 2) % len(units)]
        _docgen(data_dir, "create-user", username, "--role", role, "--unit", str(unit),
                "--nama", f"Pegawai Uji {index + 1}", input=password + "\n")
        accounts.append((username, password, _docgen(data_dir, "create-token",
                                                     username).strip()))
    return accounts


def _docgen(data_dir: Path, *args: str, input: str | None = None) -> str:
    """Run a ``docgen`` command in this process (as typed on the server)."""
    result = CliRunner().invoke(cli, list(args), input=input,
                                env={"DOCGEN_DATA_DIR": str(data_dir)})
    if result.exit_code != 0:
        raise RuntimeError(f"docgen {' '.join(args)}: {result.output}")
    return result.output


# -- the report -----------------------------------------------------------------------
def _ms(values: list[float], q: int | None) -> str:
    if not values:
        return "-"
    if q is None:
        return f"{max(values) * 1000:.0f}"
    if len(values) == 1:
        return f"{values[0] * 1000:.0f}"
    return f"{statistics.quantiles(values, n=100, method='inclusive')[q - 1] * 1000:.0f}"


def report(result: Result) -> str:
    stats = result.stats
    kinds = [k for k in ("login", *dict(MIX), "verify") if result.requests(k)]
    timed = [k for k in kinds if k != "verify"]
    errors = Counter(kind for kind, _ in stats.errors)
    lines = [f"{result.clients} clients, {result.duration:.0f} s, mean pause "
             f"{result.think:g} s; docgen serve (waitress, 8 threads, its converter pool)",
             f"{'kind':<10}{'requests':>9}{'errors':>8}{'throttled':>10}"
             f"{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"]
    rows = [(k, result.requests(k), errors[k], stats.throttled[k], stats.latencies[k])
            for k in kinds]
    every = [v for k in timed for v in stats.latencies[k]]
    rows.append(("all", sum(result.requests(k) for k in timed),
                 sum(errors[k] for k in timed), sum(stats.throttled[k] for k in timed), every))
    for kind, count, failed, throttled, values in rows:
        lines.append(f"{kind:<10}{count:>9}{failed:>8}{throttled:>10}{_ms(values, 50):>9}"
                     f"{_ms(values, 95):>9}{_ms(values, None):>9}")
    lines.append(f"{len(every) / result.duration:.1f} requests/s served; drafts checked "
                 f"{result.drafts_checked}, lost {len(result.lost)}")
    lines += [f"error [{kind}] {message}" for kind, message in stats.errors[:10]]
    lines += [f"lost: {line}" for line in result.lost[:10]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--think", type=float, default=0.5,
                        help="mean pause between a client's requests (seconds)")
    args = parser.parse_args()
    result = run(args.clients, args.duration, args.think)
    print(report(result))
    if result.stats.errors:
        print("server log (end):\n" + result.server_log[-3000:])
    return 1 if result.stats.errors or result.lost else 0


if __name__ == "__main__":
    sys.exit(main())
