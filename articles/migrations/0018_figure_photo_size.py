from django.db import migrations, models


def size_stored_photos(apps, schema_editor):
    """Photos stored before renditions existed get their size and renditions now."""
    from articles.content import photos

    Figure = apps.get_model("articles", "Figure")
    for figure in Figure.objects.using(schema_editor.connection.alias).exclude(image=""):
        photos.ensure_renditions(figure)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="figure",
            name="width",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="chiều rộng"
            ),
        ),
        migrations.AddField(
            model_name="figure",
            name="height",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="chiều cao"
            ),
        ),
        migrations.RunPython(size_stored_photos, migrations.RunPython.noop),
    ]
