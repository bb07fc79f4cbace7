"""Model and form fields for translatable content ({"en": …, "ru": …, "ur": …})."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from rabta.core.i18n import clean_translations, content_languages

LANGUAGE_LABELS = {"en": "English", "ru": "Русский", "ur": "اردو"}
RTL_LANGUAGES = {"ur", "ar", "fa", "he", "ps", "sd"}


class TranslatedField(models.JSONField):
    """A JSON object of texts per language, validated on full_clean."""

    description = _("Text in several languages")

    def __init__(self, *args, max_length: int | None = None, multiline: bool = False, **kwargs):
        self.text_max_length = max_length
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        clean_translations(value, max_length=self.text_max_length, required=not self.blank)

    def formfield(self, **kwargs):
        defaults = {
            "form_class": TranslatedFormField,
            # The field's translated name, not Django's English fallback from the attribute name.
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "max_length": self.text_max_length,
            "multiline": self.multiline,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder"):
            defaults.pop(key, None)
        return form_class(**defaults)


class TranslatedWidget(forms.MultiWidget):
    template_name = "core/widgets/translated.html"

    def __init__(self, multiline: bool = False, attrs=None):
        widgets = {}
        for code in content_languages():
            extra = {"lang": code, "dir": "rtl" if code in RTL_LANGUAGES else "ltr"}
            if multiline:
                widgets[code] = forms.Textarea(attrs={"rows": 4, **extra})
            else:
                widgets[code] = forms.TextInput(attrs=extra)
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in content_languages()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(
            content_languages(), context["widget"]["subwidgets"], strict=True
        ):
            subwidget["language_label"] = LANGUAGE_LABELS.get(code, code)
            subwidget["language"] = code
        return context


class TranslatedFormField(forms.MultiValueField):
    """One text box per language; at least one filled in when required."""

    def __init__(self, *, max_length: int | None = None, multiline: bool = False, **kwargs):
        self.text_max_length = max_length
        fields = [forms.CharField(required=False) for _code in content_languages()]
        kwargs.setdefault("widget", TranslatedWidget(multiline=multiline))
        self._required = kwargs.pop("required", True)
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)
        self.required = self._required

    def clean(self, value):
        if isinstance(value, dict):
            value = [value.get(code, "") for code in content_languages()]
        return super().clean(value or ["" for _code in content_languages()])

    def compress(self, data_list):
        data = dict(zip(content_languages(), data_list or [], strict=False))
        return clean_translations(data, max_length=self.text_max_length, required=self._required)

    def validate(self, value):
        # compress() has validated already (required, lengths).
        pass
