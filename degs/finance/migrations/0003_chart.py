"""The chart of accounts, the same for every society (docs/finance.md, "The ledger"): codes
of four digits, the first naming the kind (1 assets, 2 liabilities, 3 the fund, 4 receipts,
5 expenditure). Accounts already present (by code) are left as they are."""

from django.db import migrations

CHART = [
    ("1100", "Bank", "बैंक", "asset", True),
    ("1200", "Cash", "नकद", "asset", True),
    ("1300", "Advances", "अग्रिम", "asset", False),
    ("2100", "Amounts payable", "देय राशि", "liability", False),
    ("3000", "Fund", "निधि", "fund", False),
    ("4100", "User charges (DeGS share)", "उपयोगकर्ता शुल्क (सोसाइटी का अंश)", "income", False),
    ("4200", "Grants received", "प्राप्त अनुदान", "income", False),
    ("4300", "Interest", "ब्याज", "income", False),
    ("5100", "Equipment", "उपकरण", "expense", False),
    ("5200", "Maintenance and repair", "रखरखाव और मरम्मत", "expense", False),
    ("5300", "Office expenses", "कार्यालय व्यय", "expense", False),
]


def add_chart(apps, schema_editor):  # type: ignore[no-untyped-def]
    Account = apps.get_model("finance", "Account")
    for code, name, name_hi, kind, money in CHART:
        Account.objects.get_or_create(
            code=code, defaults={"name": name, "name_hi": name_hi, "kind": kind, "is_money": money}
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0002_ledger_guards")]

    operations = [migrations.RunPython(add_chart, migrations.RunPython.noop)]
