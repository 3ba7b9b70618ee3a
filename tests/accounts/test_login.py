import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

LOGIN = "accounts:login"


def _login(client, username: str, password: str, address: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def kiosk_users(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="operator1"), UserFactory(username="operator2")


def test_six_wrong_passwords_lock_user_at_that_address_only(client, kiosk_users) -> None:
    kiosk = "10.20.30.40"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "operator1", "wrong", kiosk).status_code == 200
    # the sixth wrong password locks operator1 from the kiosk's address
    assert _login(client, "operator1", "wrong", kiosk).status_code == 429
    # even the right password is refused there now
    locked = _login(client, "operator1", "secret-pass-123", kiosk)
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    # another operator at the same kiosk signs in normally
    assert _login(client, "operator2", "secret-pass-123", kiosk).status_code == 302
    client.post(reverse("accounts:logout"))
    # and operator1 from another address too
    assert _login(client, "operator1", "secret-pass-123", "10.99.99.99").status_code == 302


def test_wrong_password_message_in_hindi(client, kiosk_users) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    response = _login(client, "operator1", "wrong", "10.0.0.1")
    assert response.status_code == 200
    assert 'lang="hi"' in response.content.decode()


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS


def test_language_choice_is_remembered_per_user(client, kiosk_users) -> None:
    first, _second = kiosk_users
    client.force_login(first)
    client.post(reverse("set_language"), {"language": "hi", "next": "/"})
    first.refresh_from_db()
    assert first.language == "hi"
    # a new device (no cookie) shows Hindi after sign-in
    client.logout()
    client.cookies.clear()
    _login(client, "operator1", "secret-pass-123", "10.0.0.2")
    page = client.get(reverse("dashboards:home"))
    assert 'lang="hi"' in page.content.decode()


def test_language_switch_refuses_foreign_redirect(client, db) -> None:
    response = client.post(
        reverse("set_language"), {"language": "hi", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_password_change(client, kiosk_users) -> None:
    first, _ = kiosk_users
    client.force_login(first)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "secret-pass-123",
            "new_password1": "Jamtara-kiosk-2026!",
            "new_password2": "Jamtara-kiosk-2026!",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.check_password("Jamtara-kiosk-2026!")


def test_logout_needs_post(client, kiosk_users) -> None:
    client.force_login(kiosk_users[0])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
