"""Submit a page's form as a browser would: every input's current value, checked boxes
only, the selected options, textareas' text, and the pressed button."""

from html.parser import HTMLParser

from django.http import QueryDict


class _FormParser(HTMLParser):
    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.done = False
        self.fields = []  # (name, value)
        self.select = None
        self.select_options = []
        self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "form"
            and not self.done
            and self.form_class in (attrs.get("class") or "").split()
        ):
            self.inside = True
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((name, attrs.get("value", default)))
        elif tag == "select" and name:
            self.select, self.select_options = name, []
        elif tag == "option" and self.select is not None:
            self.select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside, self.done = False, True
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select_options if selected]
            if not chosen and self.select_options:
                chosen = [self.select_options[0][0]]
            self.fields += [(self.select, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, "".join(self.text).lstrip("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)


def form_data(html, form_class="edit-form", button="_save"):
    """The data the first ``<form class="...">`` of ``html`` submits, as a mutable QueryDict."""
    parser = _FormParser(form_class)
    parser.feed(html)
    assert parser.done, f"no form of class {form_class!r} on the page"
    data = QueryDict(mutable=True)
    for name, value in parser.fields:
        data.appendlist(name, value)
    if button:
        data[button] = "1"
    return data
