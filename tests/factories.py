"""Builders for test data. Areas, offices and posts go through the services, as in real use."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from degs.accounts.models import RoleGrant, User
from degs.directory import services
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Designation, Office, Post, PostHolding

_seq = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: f"Test {o.username}")

    @factory.post_generation
    def password(obj, create: bool, extracted: str | None, **kwargs: object) -> None:
        obj.set_password(extracted or "secret-pass-123")
        if create:
            obj.save(update_fields=["password"])


def make_area(
    kind: str, name: str | None = None, parent: Area | None = None, **extra: object
) -> Area:
    n = next(_seq)
    return services.area_create(
        actor=None,
        kind=kind,
        name=name or f"{kind.title()} {n}",
        name_hi=extra.pop("name_hi", "") or "क्षेत्र",  # type: ignore[arg-type]
        parent=parent,
        **extra,  # type: ignore[arg-type]
    )


def make_office(area: Area, name: str | None = None, kind: str = OfficeKind.BLOCK_OFFICE) -> Office:
    return services.office_create(
        actor=None, area=area, kind=kind, name=name or f"Office {next(_seq)}", name_hi="कार्यालय"
    )


def make_designation(code: str, role: str = "", level: str = AreaKind.DISTRICT) -> Designation:
    designation, _ = Designation.objects.get_or_create(
        code=code,
        defaults={
            "short_name": code.upper(),
            "name": f"Designation {code}",
            "name_hi": "पद",
            "level": level,
            "default_role": role,
        },
    )
    return designation


def make_post(
    designation: Designation, area: Area, office: Office | None = None, seat: str = ""
) -> Post:
    return services.post_create(
        actor=None, designation=designation, area=area, office=office, seat=seat
    )


def hold(post: Post, user: User, start: dt.date | None = None) -> PostHolding:
    return services.post_holding_start(
        actor=None, post=post, user=user, start_date=start or dt.date(2026, 1, 1)
    )


def grant(user: User, role: str, area: Area) -> RoleGrant:
    return RoleGrant.objects.create(user=user, role=role, area=area)


def district_committee(world, *members: Post, name: str = "DeGS executive committee"):  # type: ignore[no-untyped-def]
    """District A's DeGS committee: the DC chairs, the DIO is secretary, the CSC manager and
    ``members`` sit on it."""
    from degs.reviews import services as reviews
    from degs.reviews.choices import CommitteeKind

    district = world.district_a
    post_dio = Post.objects.get(designation__code="dio", area=district)
    post_csc = Post.objects.get(designation__code="csc_dm", area=district)
    return reviews.committee_create(
        actor=None,
        area=district,
        kind=CommitteeKind.EXECUTIVE,
        name=name,
        name_hi="डीईजीएस कार्यकारिणी समिति",
        chair_post=world.post_dc_a,
        secretary_post=post_dio,
        members=[world.post_dc_a, post_dio, post_csc, *members],
    )


def page_in(client, user: User, language: str, url: str) -> str:  # type: ignore[no-untyped-def]
    """The page at ``url`` as ``user`` reads it with ``language`` as their language."""
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client.get(url).content.decode()
