"""Load test: a state's day against gunicorn on this machine (docs/performance.md, "A state's day
under load").

    .venv/bin/python bench/load_test.py --prepare --steps 10,20,30,40        # the rates held?
    .venv/bin/python bench/load_test.py --steps 20 --workers 3 --threads 4   # another gunicorn
    .venv/bin/python bench/load_test.py --replica --steps 10,20,30           # reports on a replica
    .venv/bin/python bench/load_test.py --steps 25,17.5:1800                 # then a soak

``--prepare`` makes the database (``--database``, default
postgres://postgres@127.0.0.1:5432/degs_load_day) if it is missing, migrates it, loads the demo
(``load_demo``), collects the static files and adds the load's accounts (``bench/load/seed.py``:
``--officers`` officers, ``--kiosks`` kiosk operators). Then it starts gunicorn (``--workers``
processes of ``--threads`` threads) and one task worker (``db_worker``) as production runs them
(``DEGS_ENV=production``, tasks queued in the database, Redis for the cache on
``--redis``), and runs locust headless (``bench/load/locustfile.py``): every user starts and
signs in (``--spawn-rate`` a second), then the crowd aims at each rate of ``--steps`` (tasks a
second) for ``--step-seconds`` after ``--settle`` seconds (``rate:seconds`` for a step of
its own length, such as a soak). The public look-ups' limits per
address are raised (all the load comes from 127.0.0.1): DEGS_STATUS_LOOKUPS_PER_HOUR and
DEGS_VERIFY_LOOKUPS_PER_HOUR.

``--replica`` runs the same under ``tools/pg_replica.sh``: a throwaway primary and its streaming
replica, the demo loaded into the primary (``--prepare`` is implied), the reports and dashboards
read from the replica; both clusters are removed at the end.

It prints, per step and page kind, the rate served, p50, p95, p99 and failures, the CPU each
party used (gunicorn, PostgreSQL, the task worker, locust) and the highest step held (every
kind's p95 under 500 ms, no failure); and the gunicorn workers' memory sampled every 30 s
(start, end, highest). Everything is kept in ``--out`` (locust's own CSV files too).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
P95_LIMIT_MS = 500
# Throwaway keys of a throwaway database: fixed, so that the certificates signed when the demo
# is loaded verify when the server runs.
SECRET_KEY = "load-test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
AADHAAR_KEY = "load-test-only-aadhaar-hash-key-0123456789abcdefghijklmnopqrst"
CERTIFICATE_KEY = base64.b64encode(b"load-test-only-certificate-key!!").decode()


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEGS_ENV="production",
        DEGS_SECRET_KEY=SECRET_KEY,
        DEGS_AADHAAR_HASH_KEY=AADHAAR_KEY,
        DEGS_CERTIFICATE_KEY=CERTIFICATE_KEY,
        DEGS_ALLOWED_HOSTS="127.0.0.1,localhost",
        DEGS_SITE_URL=f"http://127.0.0.1:{args.port}",
        DEGS_DATA_DIR=str(args.data),
        DEGS_SSL_REDIRECT="0",  # the TLS proxy is not part of the test
        DEGS_PROXY_COUNT="0",  # nor is the proxy: the client's address is the socket's
        DEGS_TASKS_BACKEND="database",
        DEGS_REDIS_URL=args.redis,
        # Every simulated citizen comes from 127.0.0.1: one address's limit would stop them.
        DEGS_STATUS_LOOKUPS_PER_HOUR="1000000000",
        DEGS_VERIFY_LOOKUPS_PER_HOUR="1000000000",
        DEGS_LOG_LEVEL="WARNING",
    )
    if not env.get("DEGS_REPLICA_URL"):  # tools/pg_replica.sh gives both
        env["DATABASE_URL"] = args.database
    return env


def run(command: list[str], env: dict[str, str]) -> None:
    print("$", " ".join(command[-3:]) if len(command) > 3 else " ".join(command), flush=True)
    subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603


def prepare(args: argparse.Namespace, env: dict[str, str]) -> None:
    """The database with the demo and the load's accounts, and the static files."""
    import psycopg

    url = env["DATABASE_URL"]
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    manage = [str(BIN / "python"), "manage.py"]
    run([*manage, "migrate", "--no-input", "-v", "0"], env)
    # The demo's tasks (certificates, figures) run as it is loaded, not queued for a worker.
    run([*manage, "load_demo"], {**env, "DEGS_TASKS_BACKEND": "immediate"})
    run([*manage, "collectstatic", "--no-input", "-v", "0"], env)
    run(
        [
            str(BIN / "python"),
            "bench/load/seed.py",
            f"--officers={args.officers}",
            f"--kiosks={args.kiosks}",
            f"--plan={args.data / 'plan.json'}",
        ],
        env,
    )


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - our server
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def sample_memory(master: int, samples: list[dict[str, Any]], stop: threading.Event) -> None:
    """The gunicorn workers' resident memory every 30 s (the master's children)."""
    import psutil

    started = time.monotonic()
    while True:
        try:
            workers = psutil.Process(master).children()
            rss = {w.pid: w.memory_info().rss for w in workers}
        except psutil.Error:
            rss = {}
        samples.append({"t": round(time.monotonic() - started), "at": time.time(), "rss": rss})
        if stop.wait(30):
            return


def mib(value: float) -> str:
    return f"{value / 2**20:.0f} MiB"


def report(args: argparse.Namespace, memory: list[dict[str, Any]]) -> None:
    steps_file = args.out / "steps.json"
    steps = json.loads(steps_file.read_text()) if steps_file.exists() else []
    if steps:
        login = steps[0]["logins"]
        print(
            f"\nsign-ins before the steps: {login['requests']} at {login['rate']:g} a second, "
            f"p50 {login['p50']} ms, p95 {login['p95']} ms, {login['failures']} failures"
        )
    held = None
    for step in steps:
        pages = step["pages"]
        everything = pages[-1]
        worst = max(pages[:-1], key=lambda p: p["p95"])
        ok = all(p["p95"] < P95_LIMIT_MS for p in pages) and everything["failures"] == 0
        if ok:
            held = step
        cpu = ", ".join(f"{k} {v:.2f}" for k, v in sorted(step["cpu"].items()))
        print(
            f"\nstep {step['step']}: aimed at {step['aimed']:g} tasks/s for {step['seconds']:g} s: "
            f"{everything['rate']:g} requests/s, p95 {everything['p95']} ms, "
            f"p99 {everything['p99']} ms, {everything['failures']} failures; slowest kind "
            f"{worst['name']} (p95 {worst['p95']} ms) {'HELD' if ok else 'not held'}"
        )
        print(f"  CPU cores used: {cpu}")
        print(f"  {'page kind':<30} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'fails':>6}")
        for page in pages:
            print(
                f"  {page['name']:<30} {page['rate']:>7.2f} {page['p50']:>6} {page['p95']:>6} "
                f"{page['p99']:>6} {page['failures']:>6}"
            )
    if held:
        print(
            f"\nheld: {held['pages'][-1]['rate']:g} requests/s (aimed {held['aimed']:g} tasks/s) "
            f"with every kind's p95 under {P95_LIMIT_MS} ms and no failure"
        )
    else:
        print(f"\nno step held every kind's p95 under {P95_LIMIT_MS} ms with no failure")
    errors_file = args.out / "errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else {}
    for error, count in sorted(errors.items(), key=lambda e: -e[1])[:10]:
        print(f"  error x{count}: {error}")
    if memory:
        totals = [sum(s["rss"].values()) for s in memory if s["rss"]]
        per_worker = [max(s["rss"].values()) for s in memory if s["rss"]]
        print(
            f"\ngunicorn workers' memory (all workers, {len(totals)} samples 30 s apart): "
            f"start {mib(totals[0])}, end {mib(totals[-1])}, highest {mib(max(totals))}; "
            f"largest worker: start {mib(per_worker[0])}, end {mib(per_worker[-1])}, "
            f"highest {mib(max(per_worker))}"
        )
        (args.out / "memory.json").write_text(json.dumps(memory))
        if steps:  # the last step alone (a soak's), after the sign-ins' Argon2 peaks
            last = steps[-1]
            window = [
                sum(s["rss"].values())
                for s in memory
                if s["rss"] and last["from"] <= s["at"] <= last["from"] + last["seconds"] + 1
            ]
            if window:
                print(
                    f"during the last step ({len(window)} samples): start {mib(window[0])}, "
                    f"end {mib(window[-1])}, highest {mib(max(window))}, "
                    f"lowest {mib(min(window))}"
                )


def load(args: argparse.Namespace) -> None:
    env = server_environment(args)
    args.out.mkdir(parents=True, exist_ok=True)
    args.data.mkdir(parents=True, exist_ok=True)
    if args.prepare or os.environ.get("DEGS_REPLICA_URL"):
        prepare(args, env)
    else:  # the database as the code being measured expects it
        run([str(BIN / "python"), "manage.py", "migrate", "--no-input", "-v", "0"], env)
    plan = args.data / "plan.json"
    if not plan.exists():
        raise SystemExit(f"no plan at {plan}: run with --prepare first")
    gunicorn = [
        str(BIN / "gunicorn"),
        "config.wsgi",
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{args.port}",
        "--timeout=60",
    ]
    if args.threads > 1:
        gunicorn += ["--worker-class=gthread", f"--threads={args.threads}"]
    logs = (args.out / "server.log").open("w")
    server = subprocess.Popen(gunicorn, env=env, cwd=ROOT, stdout=logs, stderr=logs)  # noqa: S603
    worker = subprocess.Popen(  # noqa: S603
        [str(BIN / "python"), "manage.py", "db_worker"], env=env, cwd=ROOT, stdout=logs, stderr=logs
    )
    memory: list[dict[str, Any]] = []
    stop = threading.Event()
    try:
        wait_for(f"http://127.0.0.1:{args.port}/accounts/login/")
        sampler = threading.Thread(target=sample_memory, args=(server.pid, memory, stop))
        sampler.start()
        users = args.officers + args.kiosks + args.citizens
        locust_env = {
            **os.environ,
            "DEGS_LOAD_PLAN": str(plan),
            "DEGS_LOAD_STEPS": args.steps,
            "DEGS_LOAD_STEP_SECONDS": str(args.step_seconds),
            "DEGS_LOAD_SETTLE_SECONDS": str(args.settle),
            "DEGS_LOAD_CITIZENS": str(args.citizens),
            "DEGS_LOAD_OUT": str(args.out),
        }
        seconds = sum(
            float(step.partition(":")[2] or args.step_seconds) + args.settle
            for step in args.steps.split(",")
        )
        limit = int(users / args.spawn_rate * 3 + seconds + 600)
        print(
            f"gunicorn: {args.workers} workers x {args.threads} threads; locust: {users} users "
            f"({args.officers} officers, {args.kiosks} kiosks, {args.citizens} citizens), "
            f"steps {args.steps} tasks/s, {args.step_seconds:g} s each",
            flush=True,
        )
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "load" / "locustfile.py"),
                "--headless",
                f"--users={users}",
                f"--spawn-rate={args.spawn_rate}",
                f"--run-time={limit}s",
                f"--host=http://127.0.0.1:{args.port}",
                f"--csv={args.out / 'locust'}",
                "--only-summary",
                "--loglevel=WARNING",
            ],
            env=locust_env,
            cwd=ROOT,
            check=False,
            stdout=(args.out / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )
    finally:
        stop.set()
        for process in (worker, server):
            process.send_signal(signal.SIGTERM)
        for process in (worker, server):
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
    report(args, memory)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default="10,20,30", help="tasks a second, comma-separated")
    parser.add_argument("--step-seconds", type=float, default=120)
    parser.add_argument("--settle", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--officers", type=int, default=1000)
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--citizens", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=8, help="users started a second")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--prepare", action="store_true", help="make the database first")
    parser.add_argument("--replica", action="store_true", help="under tools/pg_replica.sh")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/degs_load_day")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "degs_load")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    args.out = args.out or args.data / f"run-{time.strftime('%Y%m%d-%H%M%S')}"
    if args.replica and not os.environ.get("DEGS_REPLICA_URL"):
        # Again, inside the throwaway primary and replica (which export DATABASE_URL and
        # DEGS_REPLICA_URL); the demo is loaded into that primary.
        again = [a for a in sys.argv[1:] if a != "--replica"]
        again += ["--out", str(args.out)] if "--out" not in again else []
        again += ["--data", str(args.data / "replica")] if "--data" not in again else []
        script = shutil.which("bash") or "bash"
        os.execv(  # noqa: S606
            script,
            [script, str(ROOT / "tools" / "pg_replica.sh"), sys.executable, __file__, *again],
        )
    load(args)


if __name__ == "__main__":
    main()
