from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    STATE = "state", _("State")
    DISTRICT = "district", _("District")
    SUBDIVISION = "subdivision", _("Subdivision")
    TEHSIL = "tehsil", _("Tehsil / circle")
    BLOCK = "block", _("Block")
    GRAM_PANCHAYAT = "gram_panchayat", _("Gram panchayat")
    VILLAGE = "village", _("Village")
    MUNICIPALITY = "municipality", _("Municipality")
    WARD = "ward", _("Ward")


# Which kinds of area may hold each kind directly. Blocks and tehsils run side by side in most
# states, so a village may sit under a panchayat, a block or a tehsil.
ALLOWED_PARENTS: dict[str, set[str]] = {
    AreaKind.STATE: set(),
    AreaKind.DISTRICT: {AreaKind.STATE},
    AreaKind.SUBDIVISION: {AreaKind.DISTRICT},
    AreaKind.TEHSIL: {AreaKind.DISTRICT, AreaKind.SUBDIVISION},
    AreaKind.BLOCK: {AreaKind.DISTRICT, AreaKind.SUBDIVISION, AreaKind.TEHSIL},
    AreaKind.MUNICIPALITY: {
        AreaKind.DISTRICT,
        AreaKind.SUBDIVISION,
        AreaKind.TEHSIL,
        AreaKind.BLOCK,
    },
    AreaKind.GRAM_PANCHAYAT: {AreaKind.BLOCK, AreaKind.TEHSIL},
    AreaKind.VILLAGE: {AreaKind.GRAM_PANCHAYAT, AreaKind.BLOCK, AreaKind.TEHSIL},
    AreaKind.WARD: {AreaKind.MUNICIPALITY},
}


class OfficeKind(models.TextChoices):
    DC_OFFICE = "dc_office", _("DC office / Collectorate")
    SUBDIVISION_OFFICE = "subdivision_office", _("Subdivision (SDO/SDM) office")
    BLOCK_OFFICE = "block_office", _("Block office")
    TEHSIL_OFFICE = "tehsil_office", _("Tehsil / circle office")
    PANCHAYAT_BHAWAN = "panchayat_bhawan", _("Panchayat bhawan")
    MUNICIPAL_OFFICE = "municipal_office", _("Municipal office")
    DEPARTMENT_OFFICE = "department_office", _("Department office")
    NIC_CENTRE = "nic_centre", _("NIC district centre")
    JAIL = "jail", _("Jail")
    HOSPITAL = "hospital", _("Hospital / health centre")
    SCHOOL = "school", _("School")
    POLICE_STATION = "police_station", _("Police station")
    POST_OFFICE = "post_office", _("Post office")
    OTHER = "other", _("Other public building")


class ChargeKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    ADDITIONAL = "additional", _("Additional charge")


class HolidayKind(models.TextChoices):
    GAZETTED = "gazetted", _("Gazetted holiday")
    RESTRICTED = "restricted", _("Restricted holiday")
    LOCAL = "local", _("Local holiday")


class SaturdayRule(models.TextChoices):
    INHERIT = "", _("As the parent area")
    NONE = "none", _("Saturdays are working days")
    ALL = "all", _("Every Saturday is off")
    SECOND_FOURTH = "second_fourth", _("Second and fourth Saturdays are off")
    FIRST_THIRD = "first_third", _("First and third Saturdays are off")
