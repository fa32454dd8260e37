"""Create the three editorial roles as groups with their permissions."""

from django.db import migrations

from articles.roles import ADMINISTRATOR, EDITOR, REPORTER, sync_roles_in_migration


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[REPORTER, EDITOR, ADMINISTRATOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("people", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, remove_roles)]
