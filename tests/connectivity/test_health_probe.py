"""The probe script (tools/degs_probe.py), with a fake opener in place of the network and then
against the heartbeat endpoint itself through Django's test client."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
import urllib.error
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from degs.connectivity.models import Heartbeat
from tests.connectivity.conftest import TOKEN_A1, Net

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "degs_probe.py"
_spec = importlib.util.spec_from_file_location("degs_probe", SCRIPT)
assert _spec is not None and _spec.loader is not None
probe = importlib.util.module_from_spec(_spec)
sys.modules["degs_probe"] = probe
_spec.loader.exec_module(probe)

LINUX_PING = """PING 8.8.8.8 (8.8.8.8) 56(84) bytes of data.
--- 8.8.8.8 ping statistics ---
3 packets transmitted, 2 received, 33.3333% packet loss, time 2003ms
rtt min/avg/max/mdev = 20.1/31.6/43.0/9.3 ms
"""
DEAD_PING = """--- 10.0.0.9 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 2040ms
"""


class Answer(io.BytesIO):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(json.dumps(body).encode())
        self.status = status


class FakeServer:
    """Answers posts as told (a status, or an OSError for no answer) and keeps what it got."""

    def __init__(self, *answers: int | Exception) -> None:
        self.answers = list(answers)
        self.posts: list[list[dict[str, Any]]] = []

    def __call__(self, request: Any, timeout: float = 0) -> Any:
        if request.data is None:  # a --fetch check
            return Answer(200, {})
        beats = json.loads(request.data)["beats"]
        assert request.headers["Authorization"] == "Bearer tok"
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        if answer != 200:
            raise urllib.error.HTTPError(
                request.full_url, answer, "refused", {}, io.BytesIO(b'{"detail": "no"}')
            )
        self.posts.append(beats)
        return Answer(200, {"accepted": len(beats), "duplicates": 0, "rejected": []})


def args(tmp_path: Path, **extra: Any) -> argparse.Namespace:
    values = {
        "url": "https://degs.example/api/network/links/1/heartbeats",
        "token": "tok",
        "ping": None,
        "fetch": "https://example.org/",
        "queue": str(tmp_path / "queue.jsonl"),
    }
    return argparse.Namespace(**{**values, **extra})


def test_ping_output_is_read() -> None:
    assert probe.read_ping(LINUX_PING) == {"loss_percent": 33, "latency_ms": 32}
    assert probe.read_ping(DEAD_PING) is None


def test_one_check_is_posted_and_leaves_the_queue_empty(tmp_path: Path) -> None:
    server = FakeServer()
    assert probe.run_once(args(tmp_path), opener=server) == 1
    assert len(server.posts) == 1
    (beat,) = server.posts[0]
    assert probe.dt.datetime.fromisoformat(beat["at"]).utcoffset() is not None  # with its offset
    assert probe.Queue(tmp_path / "queue.jsonl").load() == []


def test_beats_wait_while_the_server_cannot_be_reached_then_go_oldest_first(
    tmp_path: Path,
) -> None:
    server = FakeServer(OSError("no route"), 503)
    probe.run_once(args(tmp_path), opener=server)  # no answer
    probe.run_once(args(tmp_path), opener=server)  # 503
    queued = probe.Queue(tmp_path / "queue.jsonl").load()
    assert len(queued) == 2 and server.posts == []
    probe.run_once(args(tmp_path), opener=server)  # the server is back
    assert len(server.posts) == 1
    assert [b["at"] for b in server.posts[0]] == sorted(b["at"] for b in server.posts[0])
    assert len(server.posts[0]) == 3
    assert probe.Queue(tmp_path / "queue.jsonl").load() == []


def test_a_backlog_goes_in_posts_of_500(tmp_path: Path) -> None:
    queue = probe.Queue(tmp_path / "queue.jsonl")
    start = probe.now()
    for i in range(1_201):
        queue.add(
            {"at": (start.replace(microsecond=0) - i * probe.dt.timedelta(seconds=1)).isoformat()}
        )
    server = FakeServer()
    assert probe.flush("https://x/", "tok", queue, opener=server) == 1_201
    assert [len(p) for p in server.posts] == [500, 500, 201]


def test_a_wrong_token_stops_the_probe_and_keeps_the_queue(tmp_path: Path) -> None:
    server = FakeServer(401)
    with pytest.raises(probe.Stop):
        probe.run_once(args(tmp_path), opener=server)
    assert len(probe.Queue(tmp_path / "queue.jsonl").load()) == 1


def test_a_failed_check_records_no_beat(tmp_path: Path) -> None:
    def refuse(request: Any, timeout: float = 0) -> Any:
        raise urllib.error.URLError("down")

    assert probe.check(args(tmp_path), opener=refuse) is None
    assert probe.run_once(args(tmp_path), opener=refuse) == 0
    assert probe.Queue(tmp_path / "queue.jsonl").load() == []


def test_a_line_cut_short_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "queue.jsonl"
    path.write_text('{"at": "2026-12-03T10:00:00+05:30"}\n{"at": "2026-12-0', encoding="utf-8")
    assert probe.Queue(path).load() == [{"at": "2026-12-03T10:00:00+05:30"}]


@pytest.mark.django_db
def test_the_probe_against_the_endpoint(net: Net, tmp_path: Path) -> None:
    """The script's own post, through Django's test client instead of the network."""
    client = Client()

    def opener(request: Any, timeout: float = 0) -> Any:
        if request.data is None:
            return Answer(200, {})
        answer = client.post(
            request.full_url.removeprefix("http://testserver"),
            request.data,
            content_type="application/json",
            HTTP_AUTHORIZATION=request.headers["Authorization"],
        )
        if answer.status_code != 200:
            raise urllib.error.HTTPError(
                request.full_url, answer.status_code, "", {}, io.BytesIO(answer.content)
            )
        return Answer(200, answer.json())

    url = f"http://testserver/api/network/links/{net.link_a1.pk}/heartbeats"
    queue = probe.Queue(tmp_path / "q.jsonl")
    beat = {"at": probe.now().isoformat(timespec="seconds"), "latency_ms": 12}
    queue.add(beat)
    queue.add(beat)  # the same beat twice: stored once
    assert probe.flush(url, TOKEN_A1, queue, opener=opener) == 2
    assert Heartbeat.objects.filter(link=net.link_a1).count() == 1
    queue.add({"at": probe.now().isoformat()})
    with pytest.raises(probe.Stop):
        probe.flush(url, "not-the-token-of-this-link-000", queue, opener=opener)
    assert len(queue.load()) == 1


def test_the_command_line_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEGS_PROBE_TOKEN", raising=False)
    with pytest.raises(SystemExit):
        probe.arguments(["--url", "https://x/", "--ping", "8.8.8.8"])
    token = tmp_path / "token"
    token.write_text("secret-token\n", encoding="utf-8")
    read = probe.arguments(["--url", "https://x/", "--ping", "h", "--token-file", str(token)])
    assert (read.token, read.every, read.once) == ("secret-token", 300, False)
