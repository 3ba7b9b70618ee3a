"""The heartbeat endpoints: the probe's Bearer token (no session, no CSRF, no user's API token),
the answers 401 and 404, the body limit, Uptime Kuma's push shape, and the token page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from degs.accounts.services import api_token_create
from degs.connectivity.api.health import MAX_BODY
from degs.connectivity.models import Heartbeat, Link
from degs.connectivity.schemas import health as schemas
from degs.connectivity.services import health
from tests.connectivity.conftest import TOKEN_A1, Net, token_hash

pytestmark = pytest.mark.django_db


def url(link: Link | int) -> str:
    return reverse("api:link_heartbeats", args=[link if isinstance(link, int) else link.pk])


def send(
    link: Link | int, body: object, token: str | None = TOKEN_A1, client: Client | None = None
):  # type: ignore[no-untyped-def]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return (client or Client(enforce_csrf_checks=True)).post(
        url(link), json.dumps(body), content_type="application/json", **headers
    )


def now_beat(minutes_ago: int = 0) -> dict[str, object]:
    return {"at": (timezone.now() - dt.timedelta(minutes=minutes_ago)).isoformat()}


def test_the_probe_posts_with_its_token_and_no_session_or_csrf(net: Net) -> None:
    answer = send(net.link_a1, {"beats": [now_beat(2), {**now_beat(1), "latency_ms": 12}]})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["accepted"], body["duplicates"], body["rejected"]) == (2, 0, [])
    assert body["status"] == "active"
    again = send(net.link_a1, {"beats": [now_beat(2)]})  # not the same microsecond: a new beat
    assert again.json()["accepted"] == 1


def test_a_replayed_post_is_counted_as_duplicates(net: Net) -> None:
    beats = {"beats": [now_beat(3), now_beat(2)]}
    send(net.link_a1, beats)
    answer = send(net.link_a1, beats)
    assert (answer.json()["accepted"], answer.json()["duplicates"]) == (0, 2)
    assert Heartbeat.objects.count() == 2


@pytest.mark.parametrize("token", [None, "", "wrong", "probe-token-of-link-b1-0123456789abcdef"])
def test_without_the_links_token_the_answer_is_401(net: Net, token: str | None) -> None:
    answer = send(net.link_a1, {"beats": [now_beat()]}, token=token)
    assert answer.status_code == 401
    assert "detail" in answer.json()
    assert Heartbeat.objects.count() == 0


def test_a_signed_in_session_or_a_users_api_token_is_not_a_probe_token(
    net: Net,
    world,
    client_as,  # type: ignore[no-untyped-def]
) -> None:
    session = client_as(world.dio_a)
    assert send(net.link_a1, {"beats": [now_beat()]}, token=None, client=session).status_code == 401
    _t, raw = api_token_create(actor=world.dio_a, name="reports")
    assert send(net.link_a1, {"beats": [now_beat()]}, token=raw).status_code == 401
    assert Heartbeat.objects.count() == 0


def test_an_unknown_link_answers_404(net: Net) -> None:
    assert send(999_999, {"beats": [now_beat()]}).status_code == 404
    assert send(999_999, {"beats": [now_beat()]}, token="x" * 43).status_code == 404
    assert send(999_999, {"beats": [now_beat()]}, token="wrong").status_code == 401  # no token


def test_a_body_over_the_limit_answers_413_and_over_500_beats_422(net: Net) -> None:
    big = {"beats": [now_beat()], "padding": "x" * (MAX_BODY + 1)}
    assert send(net.link_a1, big).status_code == 413
    many = {
        "beats": [{"at": f"2026-12-01T10:{m // 60:02d}:{m % 60:02d}+05:30"} for m in range(501)]
    }
    assert send(net.link_a1, many).status_code == 422
    assert Heartbeat.objects.count() == 0


def test_a_bad_beat_is_named_in_rejected_in_hindi_too(net: Net) -> None:
    answer = send(net.link_a1, {"beats": [now_beat(), {"at": "2026-12-01T10:00:00"}]})
    assert answer.json()["accepted"] == 1
    assert answer.json()["rejected"][0]["index"] == 1
    hindi = Client().post(
        url(net.link_a1),
        json.dumps({"beats": [{"at": "2026-12-01T10:00:00"}]}),  # no offset
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {TOKEN_A1}",
        HTTP_ACCEPT_LANGUAGE="hi",
    )
    assert re.search("[\u0900-\u097f]", hindi.json()["rejected"][0]["reason"])
    # A time that is not a time at all is the probe's fault: the post is refused whole.
    assert send(net.link_a1, {"beats": [{"at": "kal"}]}).status_code == 422


def test_the_schema_and_the_service_take_the_same_number_of_beats() -> None:
    assert schemas.MAX_BEATS == health.MAX_BEATS == 500


# --- Uptime Kuma's push shape ------------------------------------------------------------------


def push(
    link: Link | int, token: str, query: str = "status=up&msg=OK&ping=23", method: str = "get"
):  # type: ignore[no-untyped-def]
    pk = link if isinstance(link, int) else link.pk
    address = reverse("api:link_push", args=[pk, token]) + "?" + query
    return getattr(Client(enforce_csrf_checks=True), method)(address)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_push_is_one_heartbeat_with_its_ping(net: Net, method: str) -> None:
    answer = push(net.link_a1, TOKEN_A1, method=method)
    assert answer.status_code == 200, answer.content
    assert answer.json()["accepted"] == 1
    beat = Heartbeat.objects.get(link=net.link_a1)
    assert beat.latency_ms == 23
    assert abs(beat.at - timezone.now()) < dt.timedelta(minutes=1)
    net.link_a1.refresh_from_db()
    assert net.link_a1.last_heartbeat_at == beat.at


def test_a_push_with_a_wrong_token_or_link_is_refused(net: Net) -> None:
    assert push(net.link_a1, "wrong").status_code == 401
    assert push(net.link_a1, "x" * 43).status_code == 401
    assert push(net.link_a1, net.token_b1).status_code == 401
    assert push(999_999, TOKEN_A1).status_code == 404
    assert Heartbeat.objects.count() == 0


def test_a_push_saying_down_is_not_a_heartbeat(net: Net) -> None:
    answer = push(net.link_a1, TOKEN_A1, "status=down&msg=timeout")
    assert answer.status_code == 200
    assert (answer.json()["accepted"], len(answer.json()["rejected"])) == (0, 1)
    assert Heartbeat.objects.count() == 0


def test_the_push_and_the_heartbeats_are_in_the_api_description() -> None:
    from config.api import api

    paths = api.get_openapi_schema()["paths"]
    post = paths["/api/network/links/{link_id}/heartbeats"]["post"]
    assert post["security"] == [{"ProbeToken": []}]
    assert {"401", "404", "413", "422"} <= {str(s) for s in post["responses"]}
    assert "401" in {
        str(s) for s in paths["/api/network/links/{link_id}/push/{token}"]["get"]["responses"]
    }


# --- the token page ----------------------------------------------------------------------------


def test_the_token_page_shows_the_hint_and_a_new_token_once(net: Net, world, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    address = reverse("connectivity:link_token", args=[net.link_a1.pk])
    page = client.get(address)
    assert page.status_code == 200
    assert TOKEN_A1[:6] in page.content.decode()
    assert TOKEN_A1 not in page.content.decode()
    made = client.post(address)
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    net.link_a1.refresh_from_db()
    token = re.search(r"<code>([A-Za-z0-9_-]{43})</code>", made.content.decode()).group(1)  # type: ignore[union-attr]
    assert net.link_a1.probe_token_hash == token_hash(token)
    assert token not in client.get(address).content.decode()  # shown once
    assert send(net.link_a1, {"beats": [now_beat()]}, token=token).status_code == 200
    assert send(net.link_a1, {"beats": [now_beat()]}).status_code == 401  # the old one


def test_the_token_page_is_for_managers_of_the_links_area(net: Net, world, client_as) -> None:  # type: ignore[no-untyped-def]
    address = reverse("connectivity:link_token", args=[net.link_a1.pk])
    assert client_as(net.engineer_a).get(address).status_code == 403
    assert client_as(net.engineer_a).post(address).status_code == 403
    other = reverse("connectivity:link_token", args=[net.link_b1.pk])
    assert client_as(world.dio_a).get(other).status_code == 404
    assert Client().get(address).status_code == 302
    net.link_a1.refresh_from_db()
    assert net.link_a1.probe_token_hash == token_hash(TOKEN_A1)


def test_the_token_page_in_hindi_has_no_english_words(net: Net, world, client_as) -> None:  # type: ignore[no-untyped-def]
    from tests.hindi_crawl import data_words, english_words, speak

    client = speak(client_as(world.dio_a), world.dio_a, "hi")
    address = reverse("connectivity:link_token", args=[net.link_a1.pk])
    allowed = data_words() | {"probe"}  # "probe-": the test token's first characters
    for page in (client.get(address), client.post(address)):
        assert page.status_code == 200
        assert not english_words(page.content.decode(), allowed), page.content.decode()
