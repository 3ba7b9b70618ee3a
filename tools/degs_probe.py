#!/usr/bin/env python3
"""DeGS Suite's link probe: checks a link from its site and posts heartbeats to DeGS Suite.

Python 3 standard library only, one file: copy it to a computer at the site that stays on.
Every ``--every`` seconds it pings a host (or fetches a URL) through the link; when the check
succeeds it records a heartbeat (the time, the round trip, the packets lost) and posts the
heartbeats it holds to the link's heartbeat address with the link's probe token. While the
server cannot be reached the heartbeats wait in a queue file and go in the next post (at most
500 a post, oldest first): a heartbeat is the link working, even when DeGS Suite could not
hear it. A failed check records nothing: silence is what tells DeGS Suite the link is down.

    python3 degs_probe.py --url https://degs.example.in/api/network/links/42/heartbeats \\
        --token-file /etc/degs-probe.token --ping 8.8.8.8 --every 300

``--once``: one check and one post, then exit (for cron). The token may also be given in the
environment as ``DEGS_PROBE_TOKEN``; on the command line it shows in the process list.
Answers: 200 the beats are taken off the queue (stored, replayed or refused one by one, as the
answer says); 401 or 404 stop the probe (the token or the address is wrong: nothing will ever
be taken); 413 or 422 drop that post (it can never be taken); anything else, or no answer,
keeps the queue for the next try.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

BATCH = 500  # the most beats the server takes in one post
KEEP_DAYS = 14  # the server refuses beats older than its raw retention (14 days by default)
USER_AGENT = "degs-probe/1"

Opener = Callable[..., Any]


class Stop(Exception):
    """The server refuses this probe for good (wrong token or address)."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).astimezone()


def ping(host: str, count: int = 3, timeout: int = 2) -> dict[str, Any] | None:
    """Ping ``host``: the average round trip and the packets lost, or None when none came back."""
    try:
        done = subprocess.run(  # noqa: S603 (a fixed program, the host as one argument)
            ["ping", "-n", "-c", str(count), "-W", str(timeout), host],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=count * (timeout + 1) + 5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return read_ping(done.stdout)


def read_ping(output: str) -> dict[str, Any] | None:
    """Read the summary of Linux's or BSD's ping."""
    lost = re.search(r"([\d.]+)% packet loss", output)
    rtt = re.search(r"= [\d.]+/([\d.]+)/", output)
    if lost is None or float(lost.group(1)) >= 100:
        return None
    beat: dict[str, Any] = {"loss_percent": round(float(lost.group(1)))}
    if rtt is not None:
        beat["latency_ms"] = round(float(rtt.group(1)))
    return beat


def fetch(
    url: str, timeout: int = 10, opener: Opener = urllib.request.urlopen
) -> dict[str, Any] | None:
    """Fetch ``url``: the time it took, or None when it failed."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with opener(request, timeout=timeout) as answer:
            answer.read(65536)
    except (OSError, urllib.error.URLError, ValueError):
        return None
    return {"latency_ms": round((time.monotonic() - started) * 1000), "loss_percent": 0}


class Queue:
    """Heartbeats waiting to be sent: one JSON object a line, oldest first."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        beats = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                beats.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by a power cut
        return beats

    def save(self, beats: list[dict[str, Any]]) -> None:
        cutoff = now() - dt.timedelta(days=KEEP_DAYS)
        kept = [b for b in beats if _at(b) is None or _at(b) >= cutoff]  # type: ignore[operator]
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text("".join(json.dumps(b) + "\n" for b in kept), encoding="utf-8")
        temporary.replace(self.path)

    def add(self, beat: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(beat) + "\n")


def _at(beat: dict[str, Any]) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(beat["at"])
    except (KeyError, TypeError, ValueError):
        return None


def post(
    url: str, token: str, beats: list[dict[str, Any]], opener: Opener = urllib.request.urlopen
) -> tuple[int, dict[str, Any]]:
    """Post ``beats``: the status and the answer (status 0: no answer)."""
    body = json.dumps({"beats": beats}).encode()
    request = urllib.request.Request(  # noqa: S310 (the address the operator gave)
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
        },
    )
    try:
        with opener(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as refused:
        try:
            detail = json.loads(refused.read() or b"{}")
        except ValueError:
            detail = {}
        return refused.code, detail
    except (OSError, urllib.error.URLError, ValueError) as error:
        return 0, {"detail": str(error)}


def flush(url: str, token: str, queue: Queue, opener: Opener = urllib.request.urlopen) -> int:
    """Send what the queue holds, 500 at a time, oldest first, until it is empty or the server
    cannot take more now. Returns the beats taken off the queue."""
    sent = 0
    while True:
        beats = queue.load()
        if not beats:
            return sent
        batch = beats[:BATCH]
        status, answer = post(url, token, batch, opener)
        if status in (401, 404):
            raise Stop(f"the server refused this probe ({status}): {answer.get('detail', '')}")
        if status == 200 or status in (413, 422):
            if status != 200:
                log(f"dropped {len(batch)} heartbeats the server cannot take ({status})")
            for refused in answer.get("rejected", []) if status == 200 else []:
                log(f"refused: {refused}")
            queue.save(beats[len(batch) :])
            sent += len(batch)
            continue
        log(f"not sent ({status or 'no answer'}); {len(beats)} heartbeats wait")
        return sent


def check(
    args: argparse.Namespace, opener: Opener = urllib.request.urlopen
) -> dict[str, Any] | None:
    """One check of the link: a heartbeat, or None when the link did not answer."""
    measured = fetch(args.fetch, opener=opener) if args.fetch else ping(args.ping)
    if measured is None:
        return None
    return {"at": now().isoformat(timespec="seconds"), **measured}


def run_once(args: argparse.Namespace, opener: Opener = urllib.request.urlopen) -> int:
    queue = Queue(Path(args.queue))
    beat = check(args, opener)
    if beat is None:
        log("the link did not answer: no heartbeat")
    else:
        queue.add(beat)
    return flush(args.url, args.token, queue, opener)


def log(message: str) -> None:
    print(f"{now():%Y-%m-%d %H:%M:%S} degs-probe: {message}", file=sys.stderr, flush=True)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Post a link's heartbeats to DeGS Suite.")
    parser.add_argument("--url", required=True, help="the link's heartbeat address")
    parser.add_argument("--token", help="the link's probe token (or DEGS_PROBE_TOKEN)")
    parser.add_argument("--token-file", help="a file holding the token")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--ping", help="a host to ping through the link")
    target.add_argument("--fetch", help="an address to fetch through the link")
    parser.add_argument("--every", type=int, default=300, help="seconds between checks")
    parser.add_argument(
        "--queue",
        default=str(Path.home() / ".degs-probe-queue.jsonl"),
        help="where heartbeats wait while the server cannot be reached",
    )
    parser.add_argument("--once", action="store_true", help="one check and one post, then exit")
    args = parser.parse_args(argv)
    if args.token_file:
        args.token = Path(args.token_file).read_text(encoding="utf-8").strip()
    args.token = args.token or os.environ.get("DEGS_PROBE_TOKEN", "")
    if not args.token:
        parser.error("give the token with --token-file, --token or DEGS_PROBE_TOKEN")
    if args.every < 30:
        parser.error("--every is at least 30 seconds")
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    try:
        if args.once:
            run_once(args)
            return 0
        while True:
            started = time.monotonic()
            run_once(args)
            time.sleep(max(1.0, args.every - (time.monotonic() - started)))
    except Stop as stop:
        log(str(stop))
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
