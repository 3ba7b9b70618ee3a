import pytest
from django.urls import reverse

from degs.accounts import services
from degs.accounts.models import RoleGrant, User
from degs.accounts.roles import Role
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from degs.core.scoping import jurisdiction_of


def _form(world, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "username": "operator.kurwa",
        "full_name": "New Operator",
        "full_name_hi": "नया संचालक",
        "mobile": "9876543210",
        "role": Role.KIOSK_OPERATOR,
        "area": world.gp_a1.pk,
        "password": "Kiosk-Kurwa-2026!",
    }
    return {**data, **overrides}


def test_district_admin_creates_operator_in_own_district(world, client_as) -> None:
    client = client_as(world.dc_a)
    response = client.post(reverse("accounts:user_create"), _form(world))
    person = User.objects.get(username="operator.kurwa")
    assert response.status_code == 302
    assert person.check_password("Kiosk-Kurwa-2026!")
    assert jurisdiction_of(person).paths == (world.gp_a1.path,)
    assert RoleGrant.objects.get(user=person).granted_by == world.dc_a


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": "dc_a"}, "username"),
        ({"password": "12345678"}, "password"),
        ({"mobile": "12345"}, "mobile"),
        ({"username": "has space"}, "username"),
    ],
)
def test_bad_input_changes_nothing(world, client_as, overrides, field: str) -> None:
    before = User.objects.count()
    response = client_as(world.dc_a).post(
        reverse("accounts:user_create"), _form(world, **overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert User.objects.count() == before


def test_area_outside_jurisdiction_is_not_offered_nor_accepted(world, client_as) -> None:
    client = client_as(world.dc_a)
    form = client.get(reverse("accounts:user_create")).context["form"]
    offered = {value for value, _label in form.fields["area"].choices}
    assert world.block_a1.pk in offered and world.block_b1.pk not in offered
    assert Role.STATE_ADMIN not in {v for v, _l in form.fields["role"].choices}
    client.post(reverse("accounts:user_create"), _form(world, area=world.block_b1.pk))
    assert not User.objects.filter(username="operator.kurwa").exists()
    with pytest.raises(OutOfJurisdiction):
        services.user_create(
            actor=world.dc_a,
            username="x1",
            full_name="X",
            password="Long-pass-2026!",
            role=Role.VIEWER,
            area=world.block_b1,
        )


def test_block_officer_cannot_manage_accounts(world, client_as) -> None:
    client = client_as(world.bdo_a1)
    assert client.get(reverse("accounts:user_list")).status_code == 404
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=world.bdo_a1,
            username="x2",
            full_name="X",
            password="Long-pass-2026!",
            role=Role.VIEWER,
            area=world.gp_a1,
        )


def test_give_and_take_away_a_role(world, client_as) -> None:
    client = client_as(world.dc_a)
    url = reverse("accounts:user_detail", args=[world.operator_a1.pk])
    client.post(url, {"role": Role.VIEWER, "area": world.block_a2.pk})
    grant = RoleGrant.objects.get(user=world.operator_a1, role=Role.VIEWER)
    assert grant.area == world.block_a2
    client.post(reverse("accounts:role_grant_revoke", args=[grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    # a grant in another district answers 404 and stays
    foreign = RoleGrant.objects.create(user=world.bdo_b1, role=Role.VIEWER, area=world.block_b1)
    response = client.post(reverse("accounts:role_grant_revoke", args=[foreign.pk]))
    assert response.status_code == 404
    assert RoleGrant.objects.filter(pk=foreign.pk).exists()


def test_users_link_only_for_account_managers(world, client_as) -> None:
    assert b'href="/accounts/users/"' in client_as(world.dc_a).get("/").content
    assert b'href="/accounts/users/"' not in client_as(world.bdo_a1).get("/").content


def test_new_user_form_preselects_no_role(world, client_as) -> None:
    client = client_as(world.dc_a)
    form = client.get(reverse("accounts:user_create")).context["form"]
    assert form.fields["role"].choices[0][0] == ""
    response = client.post(reverse("accounts:user_create"), _form(world, role=""))
    assert response.context["form"].errors.get("role")
    assert not User.objects.filter(username="operator.kurwa").exists()


def test_a_user_whose_last_role_is_taken_away_stays_with_the_administrator(
    world, client_as
) -> None:
    """Without a role or a post a user has no area; they stay in the list of the district whose
    administrator last gave or took away their role, and can be given a role again there."""
    client = client_as(world.dc_a)
    client.post(reverse("accounts:user_create"), _form(world))
    person = User.objects.get(username="operator.kurwa")
    grant = RoleGrant.objects.get(user=person)

    client.post(reverse("accounts:role_grant_revoke", args=[grant.pk]))

    assert not RoleGrant.objects.filter(user=person).exists()
    listed = client.get(reverse("accounts:user_list"), {"q": "operator.kurwa"})
    assert [p.pk for p in listed.context["page"]] == [person.pk]
    detail = reverse("accounts:user_detail", args=[person.pk])
    assert client.get(detail).status_code == 200
    response = client.post(detail, {"role": Role.VIEWER, "area": world.block_a2.pk})
    assert response.status_code == 302
    assert RoleGrant.objects.get(user=person).area == world.block_a2
    # the other district's administrator still does not see them
    dc_b = User.objects.create_user(username="dc_b", password="x")
    RoleGrant.objects.create(user=dc_b, role=Role.DISTRICT_ADMIN, area=world.district_b)
    assert client_as(dc_b).get(detail).status_code == 404


def test_a_user_taken_away_elsewhere_is_seen_where_it_was_taken(world, client_as) -> None:
    """A user with roles in two districts, the last one taken away in district A: district A's
    administrator keeps them; district B's, whose grant was taken earlier, no longer sees them."""
    person = User.objects.create_user(username="moved", password="x")
    in_b = services.role_grant_create(
        actor=world.state_admin, user=person, role=Role.VIEWER, area=world.block_b1
    )
    in_a = services.role_grant_create(
        actor=world.state_admin, user=person, role=Role.VIEWER, area=world.block_a1
    )
    services.role_grant_revoke(actor=world.state_admin, grant_id=in_b.pk)
    services.role_grant_revoke(actor=world.dc_a, grant_id=in_a.pk)
    dc_b = User.objects.create_user(username="dc_b", password="x")
    RoleGrant.objects.create(user=dc_b, role=Role.DISTRICT_ADMIN, area=world.district_b)
    detail = reverse("accounts:user_detail", args=[person.pk])
    assert client_as(world.dc_a).get(detail).status_code == 200
    assert client_as(dc_b).get(detail).status_code == 404
