"""The admin's import page: upload .txt files, see what each holds, confirm to save drafts.

The confirm step re-submits the texts in a signed hidden field (django.core.signing), bound to the
user and valid for an hour: nothing is re-uploaded, and a changed payload is refused.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing import MAX_BYTES, ImportRefused, decode_bytes, prepare, save_batch

SIGNING_SALT = "articles.admin_import"
PAYLOAD_MAX_AGE = 60 * 60
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Tệp văn bản (.txt)"),
        help_text=format_lazy(
            gettext_lazy(
                "Chọn một hoặc nhiều tệp .txt (UTF-8 hoặc Windows-1258), mỗi tệp tối đa {} KB."
            ),
            MAX_BYTES // 1024,
        ),
        error_messages={
            "required": gettext_lazy("Hãy chọn ít nhất một tệp .txt."),
            "empty": gettext_lazy("Tệp được gửi lên rỗng."),
            "invalid": gettext_lazy("Không nhận được tệp; hãy chọn lại."),
        },
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("Hãy chọn ít nhất một tệp .txt."), code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Mỗi lần nhập tối đa %(count)s tệp.") % {"count": MAX_FILES}, code="too_many"
            )
        texts = []
        for upload in files:
            if not upload.name.lower().endswith(".txt"):
                raise forms.ValidationError(
                    _("Tệp %(name)s: chỉ nhận tệp .txt.") % {"name": upload.name}, code="type"
                )
            try:
                texts.append((upload.name, decode_bytes(upload.name, upload.read(MAX_BYTES + 1))))
            except ImportRefused as refused:
                raise forms.ValidationError(_refused_message(refused), code="refused") from None
        return texts


def _refused_message(refused):
    return _("Tệp %(name)s: %(reason)s Không tệp nào được nhập.") % {
        "name": refused.name,
        "reason": refused.reason,
    }


def _context(model_admin, request, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "subtitle": None,
        **extra,
    }


def _check(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied


def import_view(model_admin, request):
    """Upload form (GET), then the preview of each file with a confirm button (POST)."""
    _check(model_admin, request)
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST, request.FILES) if posted else ImportUploadForm()
    if posted and form.is_valid():
        texts = form.cleaned_data["files"]
        try:
            plans = prepare(texts)
        except ImportRefused as refused:
            form.add_error(None, _refused_message(refused))
        else:
            payload = signing.dumps(
                {"user": request.user.pk, "files": texts}, salt=SIGNING_SALT, compress=True
            )
            context = _context(
                model_admin,
                request,
                _("Xem trước khi nhập"),
                plans=plans,
                payload=payload,
                new_count=sum(plan.will_be_saved for plan in plans),
                has_twins=any(plan.published_twin for plan in plans),
            )
            return TemplateResponse(request, "admin/articles/article/import_preview.html", context)
    context = _context(model_admin, request, _("Nhập bài viết từ tệp văn bản"), form=form)
    return TemplateResponse(request, "admin/articles/article/import_form.html", context)


def import_confirm_view(model_admin, request):
    """Save the previewed files as drafts, all or none."""
    _check(model_admin, request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        data = signing.loads(
            request.POST.get("payload", ""), salt=SIGNING_SALT, max_age=PAYLOAD_MAX_AGE
        )
        if data.get("user") != request.user.pk:
            raise signing.BadSignature
    except signing.BadSignature:
        messages.error(
            request, _("Dữ liệu xác nhận không hợp lệ hoặc đã hết hạn; hãy tải tệp lên lại.")
        )
        return redirect("admin:articles_article_import")
    copies = set(request.POST.getlist("copy"))
    try:
        plans = prepare(data["files"])
        for index, plan in enumerate(plans):
            plan.import_anyway = str(index) in copies
        results = save_batch(plans, user=request.user)
    except ImportRefused as refused:
        messages.error(request, _refused_message(refused))
        return redirect("admin:articles_article_import")
    created = [result for result in results if result.created]
    skipped = [result for result in results if not result.created]
    messages.success(
        request, _("Đã nhập %(count)s bản nháp từ tệp văn bản.") % {"count": len(created)}
    )
    for result in skipped:
        if result.skipped == "published":
            message = _(
                "Bỏ qua %(name)s: bài “%(title)s” cùng tiêu đề và ngày đã được xuất bản. Nếu vẫn "
                "cần một bản nháp mới, hãy nhập lại và đánh dấu “Vẫn nhập thành bản nháp mới”."
            )
        else:
            message = _("Bỏ qua %(name)s: đã nhập trước đây (bài “%(title)s”).")
        messages.warning(
            request, message % {"name": result.plan.name, "title": result.article.title}
        )
    return redirect("admin:articles_article_changelist")
