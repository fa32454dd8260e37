"""Create the three editorial roles as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHILDREN = ["figure", "attachment", "statistic", "officialmention"]
VOCABULARIES = ["category", "tag", "commemorativeevent", "sourceoutlet"]
DIRECTORY = ["province", "organisation", "official", "position"]

REPORTER = [
    *(f"articles.{action}_article" for action in ("add", "change", "view")),
    *(f"articles.{action}_{model}" for model in CHILDREN for action in ("add", "change", "delete", "view")),
    *(f"articles.view_{model}" for model in VOCABULARIES),
    *(f"people.view_{model}" for model in DIRECTORY),
]
EDITOR = [
    *REPORTER,
    "articles.publish_article",
    *(f"articles.{action}_{model}" for model in VOCABULARIES for action in ("add", "change")),
    *(f"people.{action}_{model}" for model in DIRECTORY for action in ("add", "change")),
    "people.delete_position",
]
ROLES = {"Phóng viên": REPORTER, "Biên tập viên": EDITOR}
ADMINISTRATOR = "Quản trị"


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    for role, names in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions(names))
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "people"])
        | Permission.objects.filter(
            content_type__app_label="auth", content_type__model__in=["user", "group"]
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[*ROLES, ADMINISTRATOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("people", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
