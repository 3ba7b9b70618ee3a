"""A state's day for locust: officers reading their inboxes, registers, dashboards and reports,
kiosks filing applications through the real form, citizens checking a status and verifying a
certificate. Run by ``bench/load_test.py``, which starts the server and reads the figures.

The accounts and what they look up come from the plan ``bench/load/seed.py`` writes
(``DEGS_LOAD_PLAN``). Every user starts at once and keeps going until the end; officers and
kiosks sign in once each, when they start (``-r`` paces the logins: Argon2 costs each about
0.18 s of CPU). Once all have signed in, the crowd is taken through the steps of
``DEGS_LOAD_STEPS``: rates of tasks (a page, a look-up, a filing) per second for the whole
crowd, each held ``DEGS_LOAD_STEP_SECONDS`` (or the seconds after a colon: ``25,17.5:1800``)
and measured after ``DEGS_LOAD_SETTLE_SECONDS``. Each user waits a random time (exponential) of
mean its share of the rate, so arrivals are close to a Poisson stream whatever the number of
users, and a new rate applies at once. Each step's figures per page kind (requests, failures,
rate, percentiles) and the CPU seconds of gunicorn, PostgreSQL, the task worker, locust and the
rest of the machine go to ``DEGS_LOAD_OUT``/step-N.csv and steps.json; then locust stops.

The server runs as in production (``DEGS_ENV=production``), whose cookies are marked Secure;
here it is reached over plain HTTP on 127.0.0.1, standing for the TLS proxy in front of it, so
this client sends Secure cookies over HTTP too (``_secure_over_http``).
"""

from __future__ import annotations

import csv
import http.cookiejar
import itertools
import json
import math
import os
import random
import re
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import gevent
import psutil
from locust import HttpUser, events, task

PLAN = json.loads(Path(os.environ["DEGS_LOAD_PLAN"]).read_text())
STEP_SECONDS = float(os.environ.get("DEGS_LOAD_STEP_SECONDS", "120"))
# "rate" or "rate:seconds" (a step longer than the others: a soak after the steps).
STEPS = [
    (float(rate), float(seconds or STEP_SECONDS))
    for rate, _colon, seconds in (
        step.strip().partition(":") for step in os.environ.get("DEGS_LOAD_STEPS", "10").split(",")
    )
    if rate
]
SETTLE_SECONDS = float(os.environ.get("DEGS_LOAD_SETTLE_SECONDS", "20"))
WARM_RATE = float(os.environ.get("DEGS_LOAD_WARM_RATE", "2"))
OUT = Path(os.environ.get("DEGS_LOAD_OUT") or Path(tempfile.gettempdir()) / "degs_load")
CITIZENS = int(os.environ.get("DEGS_LOAD_CITIZENS", "100"))
# The tasks' shares of the rate: officers' pages, kiosks' tasks (a filing is three requests:
# the form, the post, the application's page), citizens' look-ups (a status check is two).
SHARES = {"officer": 0.70, "kiosk": 0.10, "citizen": 0.20}
NOW = {"rate": WARM_RATE}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN = re.compile(
    r'<input type="hidden" name="(client_token|upload_token|version)" value="([^"]*)"'
)
SELECT = re.compile(r'<select name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')
STATES = ["", "submitted", "verified", "issued", "rejected", "at_kiosk"]
# The pages each kind of officer reads, with their weights; every role here may open them.
PAGES: dict[str, list[tuple[str, str, int]]] = {
    "district": [
        ("officer: inbox (home)", "/", 4),
        ("officer: register", "/applications/", 3),
        ("officer: dashboard", "/dashboard/", 3),
        ("officer: pending report", "/applications/reports/pending/", 1),
        ("officer: disposal report", "/applications/reports/disposal/", 1),
    ],
    "block": [
        ("officer: inbox (home)", "/", 5),
        ("officer: register", "/applications/", 4),
        ("officer: pending report", "/applications/reports/pending/", 1),
        ("officer: disposal report", "/applications/reports/disposal/", 1),
    ],
    "state": [
        ("officer: inbox (home)", "/", 2),
        ("officer: state view", "/dashboard/state/", 3),
        ("officer: register", "/applications/", 2),
        ("officer: pending report", "/applications/reports/pending/", 1),
        ("officer: disposal report", "/applications/reports/disposal/", 1),
    ],
}
PAGES["department"] = PAGES["block"]
# CSC managers and viewers have no reports (the "reports" section is for those who decide).
PAGES["csc"] = PAGES["viewer"] = [p for p in PAGES["district"] if "report" not in p[0]]


def _secure_over_http(self: Any, cookie: Any, request: Any) -> bool:
    return True


# Set on the policy class: requests copies a session's cookies into a fresh jar, with the
# default policy, for every request.
http.cookiejar.DefaultCookiePolicy.return_ok_secure = _secure_over_http  # type: ignore[method-assign]


def _pace(kind: str, count: int) -> Any:
    """Each user's wait: exponential, of mean its share of the rate, slept in steps of at most
    a second so that a new step's rate applies at once to users already waiting."""

    def wait(user: Any) -> float:
        left = random.expovariate(1.0)  # in units of the user's mean wait
        while left > 0:
            per_second = NOW["rate"] * SHARES[kind] / max(count, 1)
            seconds = min(1.0, left / per_second)
            gevent.sleep(seconds)
            left -= seconds * per_second
        return 0.0

    return wait


_officers = itertools.cycle(PLAN["officers"])
_kiosks = itertools.cycle(PLAN["kiosks"])


# --- measuring the steps -----------------------------------------------------------------------

RECORD: dict[str, Any] = {"on": False, "times": defaultdict(list), "failures": defaultdict(int)}
ERRORS: dict[str, int] = defaultdict(int)
# The sign-ins, kept apart: they all happen before the steps.
LOGINS: dict[str, Any] = {"done": 0, "times": [], "failures": 0}


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any = None, **_: Any) -> None:
    if exception is not None:
        ERRORS[f"{name}: {exception}"[:160]] += 1
    if name == "login":
        LOGINS.setdefault("first", time.monotonic() - response_time / 1000)
        LOGINS["last"] = time.monotonic()
        LOGINS["times"].append(response_time)
        LOGINS["failures"] += exception is not None
    if not RECORD["on"]:
        return
    RECORD["times"][name].append(response_time)
    if exception is not None:
        RECORD["failures"][name] += 1


def _cpu_seconds() -> dict[str, float]:
    """CPU seconds used so far by gunicorn, PostgreSQL, the task worker, this process, and the
    rest of the machine."""
    used: dict[str, float] = defaultdict(float)
    me = os.getpid()
    for process in psutil.process_iter(["pid", "name", "cmdline", "cpu_times"]):
        times = process.info["cpu_times"]
        if times is None:
            continue
        command = " ".join(process.info["cmdline"] or [])
        if process.info["pid"] == me:
            kind = "locust"
        elif "gunicorn" in command:
            kind = "gunicorn"
        elif process.info["name"] in {"postgres", "postmaster"}:
            kind = "postgresql"
        elif "db_worker" in command:
            kind = "task worker"
        else:
            continue
        used[kind] += times.user + times.system
    machine = psutil.cpu_times()
    # Everything else the machine did (another user's tests would show here).
    used["other"] = machine.user + machine.system + machine.nice + machine.irq + machine.softirq
    used["other"] -= sum(v for k, v in used.items() if k != "other")
    return dict(used)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def _figures(name: str, times: list[float], failures: int, seconds: float) -> dict[str, Any]:
    return {
        "name": name,
        "requests": len(times),
        "failures": failures,
        "rate": round(len(times) / seconds, 2),
        "p50": round(_percentile(times, 0.50)) if times else 0,
        "p95": round(_percentile(times, 0.95)) if times else 0,
        "p99": round(_percentile(times, 0.99)) if times else 0,
        "max": round(max(times)) if times else 0,
    }


def _steps(environment: Any) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    while LOGINS["done"] < Officer.fixed_count + Kiosk.fixed_count:
        gevent.sleep(1)
    signed_in = _figures("login", LOGINS["times"], LOGINS["failures"], 1)
    signed_in["rate"] = round(LOGINS["done"] / (LOGINS["last"] - LOGINS["first"]), 2)
    results: list[dict[str, Any]] = []
    for number, (rate, step_seconds) in enumerate(STEPS, 1):
        NOW["rate"] = rate
        gevent.sleep(SETTLE_SECONDS)
        RECORD["times"], RECORD["failures"] = defaultdict(list), defaultdict(int)
        cpu_before, started, wall = _cpu_seconds(), time.monotonic(), time.time()
        RECORD["on"] = True
        gevent.sleep(step_seconds)
        RECORD["on"] = False
        seconds = time.monotonic() - started
        cpu_after = _cpu_seconds()
        rows = [
            _figures(name, times, RECORD["failures"][name], seconds)
            for name, times in sorted(RECORD["times"].items())
        ]
        everything = [t for times in RECORD["times"].values() for t in times]
        rows.append(_figures("all", everything, sum(RECORD["failures"].values()), seconds))
        with (OUT / f"step-{number}.csv").open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        results.append(
            {
                "step": number,
                "aimed": rate,
                "seconds": round(seconds, 1),
                "from": round(wall),
                "cpu": {
                    kind: round((cpu_after.get(kind, 0) - cpu_before.get(kind, 0)) / seconds, 2)
                    for kind in cpu_after
                },
                "pages": rows,
                "logins": signed_in,
            }
        )
        (OUT / "steps.json").write_text(json.dumps(results, indent=1))
    (OUT / "errors.json").write_text(json.dumps(ERRORS, indent=1))
    environment.runner.quit()


_ENVIRONMENT: dict[str, Any] = {}


@events.init.add_listener
def _keep_environment(environment: Any, **_: Any) -> None:
    _ENVIRONMENT["environment"] = environment


@events.spawning_complete.add_listener
def _start_steps(user_count: int, **_: Any) -> None:
    gevent.spawn(_steps, _ENVIRONMENT["environment"])


# --- the users ----------------------------------------------------------------------------------


class Signed(HttpUser):
    """A user who signs in once, as the login page asks (its CSRF token, then the post)."""

    abstract = True

    def sign_in(self, username: str) -> None:
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(page.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login of {username}: {answer.status_code}")
        LOGINS["done"] += 1

    def page(self, name: str, url: str) -> None:
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as got:
            if got.status_code != 200:
                got.failure(f"{got.status_code} at {url}")


class Officer(Signed):
    """An officer with their pages open all day: one page every so often."""

    fixed_count = len(PLAN["officers"])
    wait_time = _pace("officer", fixed_count)

    def on_start(self) -> None:
        account = next(_officers)
        self.kind = account["kind"]
        self.pages = PAGES[self.kind]
        self.sign_in(account["username"])

    @task
    def browse(self) -> None:
        name, url, _weight = random.choices(self.pages, weights=[p[2] for p in self.pages])[0]
        if name == "officer: register":
            filters = {
                "state": random.choice(STATES),
                "service": random.choice(["", *map(str, PLAN["services"])]),
            }
            if random.random() < 0.3:
                filters["late"] = "on"
            url += "?" + "&".join(f"{k}={v}" for k, v in filters.items() if v)
        self.page(name, url)


class Kiosk(Signed):
    """A kiosk filing applications at its centre through the form, with its documents."""

    fixed_count = len(PLAN["kiosks"])
    wait_time = _pace("kiosk", fixed_count)

    def on_start(self) -> None:
        account = next(_kiosks)
        self.centre = account["centre"]
        self.sign_in(account["username"])

    @task(4)
    def file(self) -> None:
        service = random.choice(PLAN["services"])
        url = f"/applications/new/{self.centre}/{service}/"
        with self.client.get(url, name="kiosk: form", catch_response=True) as form:
            if form.status_code != 200:
                form.failure(f"{form.status_code} at {url}")
                return
        html = form.text
        token = CSRF.search(html)
        data: dict[str, str] = dict(HIDDEN.findall(html))
        data["client_token"] = data.get("client_token") or str(uuid.uuid4())
        data["csrfmiddlewaretoken"] = token.group(1) if token else ""
        for field, options in SELECT.findall(html):
            values = OPTION.findall(options)
            data[field] = random.choice(values) if values else ""
        number = random.randrange(10**6)
        data.update(
            applicant_name=f"Load applicant {number:06d}",
            father_name=f"Load guardian {number:06d}",
            date_of_birth="1990-05-17",
            mobile=f"9{random.randrange(10**8, 10**9)}",
            pincode="815351",
            annual_income="120000",
            caste="Demo",
            years_resident="12",
        )
        files = {
            code: (f"{code}.pdf", PDF, "application/pdf")
            for code in ("id_proof", "self_declaration", "khatiyan", "income_proof")
            if f'name="{code}"' in html
        }
        with self.client.post(
            url,
            data=data,
            files=files,
            name="kiosk: file",
            allow_redirects=False,
            catch_response=True,
        ) as filed:
            where = filed.headers.get("Location", "")
            if filed.status_code != 302 or not re.search(r"/applications/\d+/$", where):
                filed.failure(f"filing not accepted: {filed.status_code}")
                return
        self.page("kiosk: application page", where)

    @task(1)
    def applications(self) -> None:
        self.page("kiosk: own applications", "/applications/")


class Citizen(HttpUser):
    """Citizens from one address: a status check by number and mobile, or a certificate's QR."""

    fixed_count = CITIZENS
    wait_time = _pace("citizen", fixed_count)

    @task(3)
    def status(self) -> None:
        page = self.client.get("/status/", name="citizen: status form")
        token = CSRF.search(page.text)
        application = random.choice(PLAN["applications"])
        with self.client.post(
            "/status/",
            data={
                "number": application["number"],
                "last4": application["last4"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="citizen: status",
            catch_response=True,
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"status {answer.status_code}")

    @task(2)
    def verify(self) -> None:
        payload = random.choice(PLAN["certificates"])
        with self.client.get(
            f"/verify/?p={quote(payload)}", name="citizen: verify", catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"verify {answer.status_code}")
