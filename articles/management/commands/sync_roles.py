"""Restore the editorial groups (Phóng viên, Biên tập viên, Quản trị) and their permissions."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from articles.roles import sync_roles


class Command(BaseCommand):
    help = "Create or reset the three editorial roles with exactly their permissions."

    def handle(self, *args, **options):
        sync_roles(Group, Permission)
        for group in Group.objects.order_by("name"):
            self.stdout.write(f"{group.name}: {group.permissions.count()} quyền")
