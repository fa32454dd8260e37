"""Dump every row, ids kept, for `loaddata` into an empty, migrated database: `make backup`."""

import datetime

from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.serializers import json

# Rows migrate makes again on the target, with ids of its own (references to them go by
# natural key), and sessions, which are not worth restoring: everyone logs in again.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
FORMAT = "backup-json"


class Serializer(json.Serializer):
    """Django's JSON with every id and every microsecond kept, groups by name."""

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        if isinstance(obj, Group):
            # Loaded by name: the role the migration made is updated, not doubled.
            del data["pk"]
        fields = data["fields"]
        for name, value in fields.items():
            if isinstance(value, datetime.datetime | datetime.time):
                # DjangoJSONEncoder keeps milliseconds only: pages show (and sort by) more.
                fields[name] = value.isoformat()
        return data


Deserializer = json.Deserializer


class Command(BaseCommand):
    help = "Dump every row (ids kept; accounts, history and the admin log included) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        serializers.register_serializer(FORMAT, __name__)
        call_command(
            "dumpdata",
            format=FORMAT,
            exclude=EXCLUDED,
            natural_foreign=True,
            indent=2,
            output=output,
            stdout=self.stdout,
            verbosity=options["verbosity"],
        )
