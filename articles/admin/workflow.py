"""The article admin's workflow: one step per save, from the buttons of the article form."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.models import Article

WORKFLOW_BUTTON = "_workflow"  # the name of the step buttons in the article form


class WorkflowAdminMixin:
    """ArticleAdmin's step buttons, their messages, and the bulk publish/unpublish actions.

    The form (ArticleAdminForm) checks the clicked step; save_model and save_related call
    apply_workflow_step and record_workflow_step.
    """

    @admin.display(description=gettext_lazy("trạng thái"), ordering="status")
    def status_label(self, article):
        return workflow.state_label(article)

    @admin.display(description=gettext_lazy("trạng thái"))
    def workflow_state(self, article):
        if article.status == Article.Status.PUBLISHED:
            return _("%(state)s, lúc %(time)s") % {
                "state": workflow.state_label(article),
                "time": date_format(timezone.localtime(article.published_at), "H:i d/m/Y"),
            }
        return workflow.state_label(article)

    def apply_workflow_step(self, form, article):
        """Set the status the clicked step leads to (checked by the form), before saving."""
        if form.workflow_step:
            workflow.apply(form.workflow_step, article, form.cleaned_data.get("published_at"))

    def record_workflow_step(self, request, article, step, note):
        """Keep the step or the note with the article; e-mail whom it concerns."""
        workflow.record(article, request.user, step, note, self.link(request, article))

    def link(self, request, article):
        """The article form's full address, for e-mails."""
        return request.build_absolute_uri(
            reverse("admin:articles_article_change", args=[article.pk])
        )

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get(WORKFLOW_BUTTON):
            return self.workflow_response(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get(WORKFLOW_BUTTON):
            return self.workflow_response(request, obj)
        return super().response_change(request, obj)

    def workflow_response(self, request, article):
        """Say what the step did, and go back to the workspace where the next work waits."""
        step = request.POST[WORKFLOW_BUTTON]
        self.message_user(request, workflow.done_message(step, article), messages.SUCCESS)
        return redirect("admin:index")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = context["adminform"].form.instance
        may_save = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        context = {
            **context,
            "workflow_buttons": workflow.buttons(article, request.user) if may_save else [],
            "workflow_state": workflow.state_label(article),
            "article_notes": list(workflow.steps_of(article)) if article.pk else [],
            "note_field": context["adminform"].form["note"] if may_save else None,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def perform_on(self, request, articles, step):
        """Take the step on each article (bulk actions); how many there were."""
        for article in articles:
            workflow.perform(article, request.user, step, link=self.link(request, article))
        return len(articles)

    @admin.action(description=gettext_lazy("Xuất bản các bài đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        articles = list(queryset.exclude(status=Article.Status.PUBLISHED))
        count = self.perform_on(request, articles, workflow.Step.PUBLISHED)
        self.message_user(request, _("Đã xuất bản %(count)s bài viết.") % {"count": count})

    @admin.action(description=gettext_lazy("Gỡ xuống các bài đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        articles = list(queryset.filter(status=Article.Status.PUBLISHED))
        count = self.perform_on(request, articles, workflow.Step.UNPUBLISHED)
        self.message_user(request, _("Đã gỡ %(count)s bài viết về bản nháp.") % {"count": count})
