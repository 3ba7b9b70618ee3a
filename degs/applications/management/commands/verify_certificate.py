"""Check a certificate's QR code offline, with nothing but the published public key."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from degs.applications import signing

HELP = """Check a certificate's QR code offline: its signature, with only the public key.

Give what the QR code holds (the payload DEGS1.… or the whole verification address with
?p=…), or - to read it from standard input, and the public key published at /verify/key/:

    python manage.py verify_certificate --key <base64 key> '<payload or URL>'
    python manage.py verify_certificate --key-file degs.pub - < scanned.txt

Prints VALID and the certificate's details and exits 0, or prints INVALID: <reason> on
standard error and exits 1. Nothing is read from the database and nothing goes online, so
a revocation made after issue cannot be seen here: check the number at /verify/ for that."""


def _day(value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y") if value else ""
    except ValueError:
        return str(value)


class Command(BaseCommand):
    help = HELP
    # No database, no system checks: it runs on a laptop with only the code and the key.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "payload", help="The QR code's content (payload or URL), or - for standard input."
        )
        key = parser.add_mutually_exclusive_group(required=True)
        key.add_argument("--key", help="The Ed25519 public key, base64 (from /verify/key/).")
        key.add_argument("--key-file", help="A file holding the base64 public key.")

    def handle(self, *args: Any, **options: Any) -> None:
        payload = options["payload"]
        if payload == "-":
            payload = (options.get("stdin") or sys.stdin).read()
        if options["key_file"]:
            try:
                public = Path(options["key_file"]).read_text(encoding="ascii").strip()
            except (OSError, UnicodeDecodeError) as error:
                message = _("Cannot read the key file: %(error)s") % {"error": error}
                raise CommandError(message) from error
        else:
            public = options["key"]
        try:
            fields = signing.verify_payload(payload.strip(), public)
        except signing.BadPayload as error:
            self.stderr.write(f"INVALID: {error}")
            sys.exit(1)
        self.stdout.write("VALID")
        for label, value in self._lines(fields):
            self.stdout.write(f"{label}: {value}")
        valid_until = str(fields.get("v") or "")
        if valid_until and valid_until < dt.date.today().isoformat():  # noqa: DTZ011
            self.stdout.write(_("Note: its validity has ended."))
        self.stdout.write(
            _("(Revocation is not checked offline: check the number on the /verify/ page.)")
        )

    @staticmethod
    def _lines(fields: dict[str, Any]) -> list[tuple[str, str]]:
        names = {
            "c": _("Certificate number"),
            "a": _("Application number"),
            "s": _("Service code"),
            "sn": _("Service"),
            "sh": _("Service (Hindi)"),
            "n": _("Name"),
            "r": _("Father's or husband's name"),
            "d": _("District"),
            "dh": _("District (Hindi)"),
            "i": _("Issued on"),
            "v": _("Valid until"),
            "o": _("Issuing officer"),
            "oh": _("Issuing officer (Hindi)"),
            "oa": _("Officer's area"),
            "oah": _("Officer's area (Hindi)"),
        }
        lines = []
        for code, label in names.items():
            value = fields.get(code)
            if code in ("i", "v"):
                value = _day(value)
            if code == "v" and not value:
                value = _("no end date")
            if value not in (None, ""):
                lines.append((label, str(value)))
        # The facts the certificate certifies, each with its own labels (both languages).
        for fact in signing.signed_facts(fields):
            label = " / ".join(dict.fromkeys((fact.label, fact.label_hi)))
            lines.append((label, " / ".join(dict.fromkeys((fact.text, fact.text_hi)))))
        lines += [
            (code, str(value))
            for code, value in sorted(fields.items())
            if code not in names and code != "f"
        ]
        return lines
