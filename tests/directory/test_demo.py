"""The demo district: loads, is idempotent, and shows the behaviour the issue asks for."""

from django.core.management import call_command
from django.urls import reverse

from degs.accounts.models import User
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Holiday, Office, Post, PostHolding


def _counts() -> tuple[int, ...]:
    return (
        Area.objects.count(),
        Office.objects.count(),
        Post.objects.count(),
        PostHolding.objects.count(),
        User.objects.count(),
        Holiday.objects.count(),
        Area.history.count(),
    )


def test_demo_loads_once_and_scopes_as_promised(db, client, capsys) -> None:
    call_command("load_demo")
    first = _counts()
    output = capsys.readouterr().out
    assert "dc.jamtara" in output and "demo-jamtara-2026" in output
    call_command("load_demo")
    assert _counts() == first  # idempotent: nothing new, nothing changed

    jamtara = Area.objects.get(kind=AreaKind.DISTRICT, name="Jamtara")
    blocks = set(
        Area.objects.filter(parent=jamtara, kind=AreaKind.BLOCK).values_list("name", flat=True)
    )
    blocks |= set(
        Area.objects.under(jamtara.path).filter(kind=AreaKind.BLOCK).values_list("name", flat=True)
    )
    assert blocks == {"Jamtara", "Nala", "Kundahit", "Narayanpur", "Karmatanr", "Fatehpur"}
    gps = Area.objects.under(jamtara.path).filter(kind=AreaKind.GRAM_PANCHAYAT).count()
    assert gps == 118
    east = Area.objects.get(kind=AreaKind.DISTRICT, name="East Singhbhum")
    assert Area.objects.under(east.path).filter(kind=AreaKind.BLOCK).count() == 11
    for name in ("Gonda", "Churu"):
        assert Area.objects.filter(kind=AreaKind.DISTRICT, name=name).exists()

    # the DC of Jamtara sees Jamtara's six blocks
    dc = User.objects.get(username="dc.jamtara")
    assert Area.objects.visible_to(dc).filter(kind=AreaKind.BLOCK).count() == 6

    # the BDO of Nala gets 404 for a Kundahit office, in pages and in the API
    kundahit = Area.objects.get(kind=AreaKind.BLOCK, name="Kundahit")
    office = Office.objects.get(area=kundahit, kind=OfficeKind.BLOCK_OFFICE)
    client.force_login(User.objects.get(username="bdo.nala"))
    assert client.get(reverse("directory:office_detail", args=[office.pk])).status_code == 404
    assert client.get(f"/api/directory/offices/{office.pk}/").status_code == 404
    nala = Area.objects.get(kind=AreaKind.BLOCK, name="Nala")
    own = Office.objects.get(area=nala, kind=OfficeKind.BLOCK_OFFICE)
    assert client.get(reverse("directory:office_detail", args=[own.pk])).status_code == 200
