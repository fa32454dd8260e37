"""The figure rows of the article form: placed in the body by markers, or by a typed position."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from articles.content.figures import marker_errors, place_figures
from articles.models import Article, Figure


class FigureForm(forms.ModelForm):
    class Meta:
        model = Figure
        fields = "__all__"  # noqa: DJ007 - the inline narrows it to its fields
        help_texts = {
            "position": _(
                "Số đoạn nội dung đứng trước ảnh: 0 là ngay sau sapo. Ảnh chèn vào nội dung "
                "bằng nút «Chèn ảnh vào bài» đứng đúng chỗ đã đặt, không cần gõ số này."
            ),
        }

    class Media:
        css = {"all": ["admin/css/figure-marker.css"]}


class FigureInlineFormSet(BaseInlineFormSet):
    """The body may place only the figures kept in this form; saving moves them there."""

    def clean(self):
        super().clean()
        orders = {
            form.cleaned_data["order"]
            for form in self.forms
            if form.cleaned_data.get("order") is not None and not form.cleaned_data.get("DELETE")
        }
        body = Article._meta.get_field("body").sanitize(self.instance.body)
        if errors := marker_errors(body, orders):
            raise ValidationError(errors)

    def save(self, commit=True):
        saved = super().save(commit)
        if commit:
            place_figures(self.instance)
        return saved
