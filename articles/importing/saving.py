"""Save a batch of import plans as drafts: all of them or none."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from articles.content.revisions import record_revision
from articles.importing.citations import link_cited_documents
from articles.importing.reading import ImportRefused
from articles.models import Article, Figure, OfficialMention, SourceOutlet
from healthnews.text import xml_safe

logger = logging.getLogger(__name__)


@dataclass
class Saved:
    plan: object
    article: Article
    created: bool  # False: nothing was added, see skipped
    skipped: str = ""  # "imported": the same text before; "published": its published twin


def _source_outlet(plan):
    """The plan's outlet; one it does not know is created, flagged for an editor to complete."""
    if plan.source_outlet is not None or not plan.new_source_code:
        return plan.source_outlet
    outlet, _created = SourceOutlet.objects.get_or_create(
        code=plan.new_source_code,
        defaults={"name": plan.new_source_code, "needs_completing": True},
    )
    return outlet


def _create_article(plan, user):
    parsed = plan.parsed
    article = Article(
        title=parsed.title,
        needs_title=parsed.needs_title,
        lead=parsed.lead,
        body=parsed.body_html,
        status=Article.Status.DRAFT,
        published_at=plan.published_at,
        published_at_precision=plan.published_precision or Article.DatePrecision.ESTIMATED,
        event_day=parsed.event_day,
        event_month=parsed.event_month,
        event_year=plan.event_year,
        event_year_inferred=plan.event_year_inferred,
        event_date_text=parsed.event_date_text,
        source_outlet=_source_outlet(plan),
        byline=parsed.byline,
        credit_line=parsed.credit_line,
        province=plan.province,
        commemoration=plan.commemoration,
        commemoration_year=plan.commemoration_year,
        import_file_name=parsed.name[:255],
        import_hash=plan.content_hash,
        created_by=user,
        last_editor=user,
    )
    article.full_clean(exclude=["slug"])
    article.save()
    Figure.objects.bulk_create(
        Figure(
            article=article, order=order, position=caption.position, caption=xml_safe(caption.text)
        )
        for order, caption in enumerate(parsed.captions)
    )
    OfficialMention.objects.bulk_create(
        OfficialMention(
            article=article,
            official=mention.official,
            position=mention.position,
            as_written=xml_safe(mention.as_written[:300], line_break=" "),
            published_at=article.published_at,
        )
        for mention in plan.mentions
    )
    article.organisations.set(plan.organisations)
    link_cited_documents(article, parsed.full_text)
    record_revision(article, user, note=_("Nhập từ tệp %(name)s") % {"name": parsed.name})
    return article


def save_batch(plans, user=None):
    """Create one draft per new plan inside one transaction; a failure saves nothing.

    A plan whose text was imported before (same hash, in the database or earlier in the batch)
    creates nothing and is returned with created=False; so does one whose published twin exists
    (same title and date), unless the editor asked for a copy (plan.import_anyway).
    """
    results, seen = [], {}
    current = None
    try:
        with transaction.atomic():
            for plan in plans:
                current = plan
                existing = (
                    seen.get(plan.content_hash)
                    or Article.objects.filter(import_hash=plan.content_hash).first()
                )
                if existing is not None:
                    results.append(Saved(plan, existing, created=False, skipped="imported"))
                    continue
                if plan.published_twin is not None and not plan.import_anyway:
                    results.append(
                        Saved(plan, plan.published_twin, created=False, skipped="published")
                    )
                    continue
                article = _create_article(plan, user if user and user.is_authenticated else None)
                seen[plan.content_hash] = article
                results.append(Saved(plan, article, created=True))
    except ValidationError as error:
        raise ImportRefused(
            current.name,
            _("bài viết không hợp lệ (%(error)s); không bài nào được lưu.")
            % {"error": "; ".join(error.messages)},
        ) from error
    except DatabaseError as error:
        # The database's own words name tables and constraints: for the log, not for reporters.
        logger.exception("Import of %s failed in the database", current.name if current else "?")
        raise ImportRefused(
            current.name if current else "?",
            _("lỗi cơ sở dữ liệu khi lưu; không bài nào được lưu."),
        ) from error
    return results
