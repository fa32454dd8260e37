"""The three editorial roles: which permissions each group holds.

Used by the data migration that creates the groups and by `sync_roles` to restore them.
Takes the Group and Permission models as arguments so that a migration can pass its own.
"""

CHILDREN = ["figure", "attachment", "statistic", "officialmention"]
VOCABULARIES = ["category", "tag", "commemorativeevent", "sourceoutlet", "indicator"]
DIRECTORY = ["province", "organisation", "official", "position"]

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

REPORTER_PERMISSIONS = [
    *(f"articles.{action}_article" for action in ("add", "change", "view")),
    *(
        f"articles.{action}_{model}"
        for model in CHILDREN
        for action in ("add", "change", "delete", "view")
    ),
    *(f"articles.view_{model}" for model in VOCABULARIES),
    *(f"people.view_{model}" for model in DIRECTORY),
    "articles.view_scheduleentry",
    *(f"articles.{action}_document" for action in ("add", "change", "view")),
    *(f"articles.{action}_documentfile" for action in ("add", "change", "delete", "view")),
    "articles.view_documentsector",
]
EDITOR_PERMISSIONS = [
    *REPORTER_PERMISSIONS,
    "articles.publish_article",
    # Deleting moves an article to the trash; emptying it is the administrator's alone.
    "articles.delete_article",
    *(f"articles.{action}_{model}" for model in VOCABULARIES for action in ("add", "change")),
    *(f"people.{action}_{model}" for model in DIRECTORY for action in ("add", "change")),
    "people.delete_position",
    "articles.view_sitesettings",
    "articles.change_sitesettings",
    *(f"articles.{action}_scheduleentry" for action in ("add", "change", "delete")),
    "articles.publish_document",
    *(f"articles.{action}_documentsector" for action in ("add", "change")),
]


def sync_roles(group_model, permission_model, missing_ok=False):
    """Create or update the three groups so they hold exactly their permissions.

    A migration passes missing_ok: the models of later migrations have no permissions yet, and
    the migration that adds them syncs the roles again (`sync_roles_in_migration`).
    """

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            matches = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
            if missing_ok:
                found.extend(matches)
            else:
                found.append(matches.get())
        return found

    for role, names in [(REPORTER, REPORTER_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)]:
        group, _created = group_model.objects.get_or_create(name=role)
        group.permissions.set(permissions(names))
    administrator, _created = group_model.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(
        permission_model.objects.filter(content_type__app_label__in=["articles", "people"])
        | permission_model.objects.filter(
            content_type__app_label="auth", content_type__model__in=["user", "group"]
        )
    )


def sync_roles_in_migration(apps, schema_editor):
    """RunPython step: create the permissions of the models migrated so far, then sync the roles.

    Every migration that adds a model named in the lists above ends with this step.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), True)


def staff_name(user):
    """How the newsroom names a colleague: Vietnamese order, family name first ("Nguyễn Thị
    Lan": the account form keeps "Nguyễn Thị" as last_name, "Lan" as first_name), else the login.

    Django's User.get_full_name() puts the given name first, which reads wrong in Vietnamese.
    """
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
