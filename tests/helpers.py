"""What many tests need: page URLs, commands with their output, row counts, messages,
check ids, and a page's form submitted as a browser would submit it."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse
from sqlalchemy import func, select


def admin_url(name, obj=None):
    """``sa_orders:<name>``, for ``obj`` if the page is about one row."""
    return reverse(f"sa_orders:{name}", kwargs={"pk": obj.id} if obj is not None else None)


def run_command(*args, stdin=None, **options):
    """Run a management command; (its standard output, its standard error)."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def row_count(session, model):
    """How many rows ``model``'s table has now (what the session holds is forgotten)."""
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def messages_of(response):
    """The messages a response's request queued, as text."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def check_ids(messages):
    """The ids of system check messages."""
    return [message.id for message in messages]


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
    """The data the first ``<form class="...">`` of ``html`` submits (every input's
    current value, checked boxes only, the selected options, textareas' text, and the
    pressed button), as a mutable QueryDict."""
    parser = _FormParser(form_class)
    parser.feed(html)
    assert parser.done, f"no form of class {form_class!r} on the page"
    data = QueryDict(mutable=True)
    for name, value in parser.fields:
        data.appendlist(name, value)
    if button:
        data[button] = "1"
    return data
