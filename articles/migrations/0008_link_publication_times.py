"""Link rows (mentions of officials, organisations named) carry their article's publication
time, indexed per official and per organisation, for their pages' newest articles."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publication_times(apps, schema_editor):
    article = apps.get_model("articles", "Article")
    time = Subquery(article.objects.filter(pk=OuterRef("article_id")).values("published_at"))
    for name in ["OfficialMention", "OrganisationMention"]:
        link = apps.get_model("articles", name)
        link.objects.using(schema_editor.connection.alias).update(published_at=time)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_organisationmention"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="organisationmention",
            options={
                "ordering": ["article", "pk"],
                "verbose_name": "cơ quan, đơn vị được nhắc đến",
                "verbose_name_plural": "cơ quan, đơn vị được nhắc đến",
            },
        ),
        migrations.AddField(
            model_name="officialmention",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True, serialize=False),
        ),
        migrations.AddField(
            model_name="organisationmention",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True, serialize=False),
        ),
        migrations.AlterField(
            model_name="officialmention",
            name="official",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mentions",
                to="people.official",
                verbose_name="cán bộ",
            ),
        ),
        migrations.AlterField(
            model_name="organisationmention",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="organisation_mentions",
                to="articles.article",
                verbose_name="bài viết",
            ),
        ),
        migrations.AlterField(
            model_name="organisationmention",
            name="organisation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="mentions",
                to="people.organisation",
                verbose_name="cơ quan, đơn vị",
            ),
        ),
        migrations.AddIndex(
            model_name="officialmention",
            index=models.Index(
                fields=["official", "-published_at", "-article"], name="official_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="organisationmention",
            index=models.Index(
                fields=["organisation", "-published_at", "-article"], name="organisation_newest"
            ),
        ),
        migrations.AlterModelTable(
            name="organisationmention",
            table=None,
        ),
        migrations.RunPython(copy_publication_times, migrations.RunPython.noop),
    ]
