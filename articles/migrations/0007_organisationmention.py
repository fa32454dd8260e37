"""Article.organisations gets a through model of its own (OrganisationMention), on the table
Django made for it: the rows stay where they are (the recipe of Django's migration docs,
"Changing a ManyToManyField to use a through model")."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_event_year_index"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OrganisationMention",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="articles.article",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="people.organisation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_article_organisations",
                        "unique_together": {("article", "organisation")},
                    },
                ),
                migrations.AlterField(
                    model_name="article",
                    name="organisations",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="articles",
                        through="articles.OrganisationMention",
                        to="people.organisation",
                        verbose_name="cơ quan, đơn vị được nhắc đến",
                    ),
                ),
            ],
        ),
    ]
