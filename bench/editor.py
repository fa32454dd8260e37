"""An editor at work during a load test: publishes an article from the admin every N seconds.

The editor is a staff user with the editor role in the benchmark's database, given a new random
password by each run. It talks to gunicorn as a browser does through the TLS proxy in front
(`X-Forwarded-Proto: https`, so the admin's secure cookies and its CSRF checks of a secure
request apply): logs in, opens the changelist of the articles waiting for review with no date,
and runs its publish action on the first one. A publish succeeded when the page the action
redirects to says that one article was published.
"""

import html
import http.client
import http.cookies
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from databases import manage

USERNAME = "bench-editor"
LOGIN = "/admin/login/"
# Waiting for review with no publication date: published, it comes first on the home page.
WAITING = "/admin/articles/article/?status__exact=review&published_at__isnull=True"
ACTION = "publish_selected"
PUBLISHED_ONE = "Đã xuất bản 1 bài viết."

EDITOR_CODE = """
import os
from django.contrib.auth.models import Group, User
from articles.roles import EDITOR
user, _created = User.objects.get_or_create(username=os.environ["BENCH_EDITOR"])
user.is_staff = True
user.is_superuser = False
user.set_password(os.environ["BENCH_EDITOR_PASSWORD"])
user.save()
user.groups.set([Group.objects.get(name=EDITOR)])
"""

PUBLISHED_CODE = """
from articles.models import Article
print("PUBLISHED", Article.objects.filter(status=Article.Status.PUBLISHED).count())
"""


class PublishError(Exception):
    """The admin did not do what the editor asked."""


# What a failed publish raises: the admin's answer, or the connection (refused, timed out, cut).
FAILURES = (PublishError, OSError, http.client.HTTPException, UnicodeDecodeError)


def create_editor(env, password):
    """Create or reset the benchmark's editor (staff, editor role only) with this password."""
    manage(
        {**env, "BENCH_EDITOR": USERNAME, "BENCH_EDITOR_PASSWORD": password},
        "shell",
        "--no-imports",
        "-c",
        EDITOR_CODE,
    )


def count_published(env):
    """Articles whose status is published (scheduled ones included: the status is what changes)."""
    out = manage(env, "shell", "--no-imports", "-c", PUBLISHED_CODE, capture=True)
    line = next(line for line in out.splitlines() if line.startswith("PUBLISHED "))
    return int(line.removeprefix("PUBLISHED "))


def build_request(base, path, cookies, form=None):
    """A browser's request behind the TLS proxy: GET path, or POST form with Origin and Referer
    (checked by Django's CSRF protection on a secure request)."""
    url = urllib.parse.urljoin(base, path)
    headers = {"X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    data = None
    if form is not None:
        origin = "https://" + urllib.parse.urlsplit(url).netloc
        headers |= {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + path,
        }
        data = urllib.parse.urlencode(form).encode()
    return urllib.request.Request(url, data=data, headers=headers)


def keep_cookies(cookies, set_cookie_headers):
    """Update cookies (name: value) from Set-Cookie headers; max-age 0 deletes one."""
    for header in set_cookie_headers:
        for name, morsel in http.cookies.SimpleCookie(header).items():
            if morsel["max-age"] == "0":
                cookies.pop(name, None)
            else:
                cookies[name] = morsel.value


def csrf_token(page):
    """The CSRF token of the first form on an admin page."""
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not found:
        raise PublishError("no CSRF token on the page")
    return found.group(1)


def first_article(page):
    """The id of the first article of a changelist page, or None when the list is empty."""
    found = re.search(r'name="_selected_action" value="(\d+)"', page)
    return int(found.group(1)) if found else None


def publish_form(token, article):
    """The changelist form as the browser posts it: one row ticked, the publish action, Go."""
    return {
        "csrfmiddlewaretoken": token,
        "action": ACTION,
        "select_across": "0",
        "index": "0",
        "_selected_action": str(article),
    }


def publish_times(duration, every):
    """Seconds into the load at which the editor publishes: mid-way through each interval."""
    return [every / 2 + k * every for k in range(int(duration // every))]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class AdminSession:
    """One browser in the admin: keeps its cookies, does not follow redirects."""

    def __init__(self, base, timeout=60):
        self.base, self.timeout = base, timeout
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, form=None):
        """(status, redirect location, page text) of GET path, or of POST form to it."""
        request = build_request(self.base, path, self.cookies, form)
        try:
            response = self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            response = error  # a redirect or an error page: an answer all the same
        with response:
            keep_cookies(self.cookies, response.headers.get_all("Set-Cookie") or [])
            page = response.read().decode()
            return response.status, response.headers.get("Location"), page

    def expect(self, status, answer, what):
        if answer[0] != status:
            raise PublishError(f"{what}: status {answer[0]}, expected {status}")
        return answer

    def log_in(self, username, password):
        _status, _location, page = self.expect(200, self.request(LOGIN), "login page")
        form = {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": username,
            "password": password,
            "next": "/admin/",
        }
        self.expect(302, self.request(LOGIN, form), "login")

    def publish_next(self):
        """Publish the first article waiting for review; returns its id."""
        _status, _location, page = self.expect(200, self.request(WAITING), "changelist")
        article = first_article(page)
        if article is None:
            raise PublishError("no article waiting for review")
        answer = self.request(WAITING, publish_form(csrf_token(page), article))
        _status, location, _page = self.expect(302, answer, f"publishing article {article}")
        _status, _location, page = self.expect(200, self.request(location), "page after")
        if PUBLISHED_ONE not in html.unescape(page):
            raise PublishError(f"article {article}: the admin did not say it was published")
        return article


class Editor(threading.Thread):
    """Publishes at the given seconds after start(); records each publish or its failure."""

    def __init__(self, session, times):
        super().__init__(name="editor", daemon=True)
        self.session, self.times = session, times
        self.published, self.failures = [], []

    def run(self):
        start = time.monotonic()
        for at in self.times:
            time.sleep(max(0.0, start + at - time.monotonic()))
            began = time.monotonic()
            try:
                article = self.session.publish_next()
            except FAILURES as error:
                self.failures.append({"at_s": at, "error": str(error)})
            else:
                seconds = round(time.monotonic() - began, 3)
                self.published.append({"at_s": at, "article": article, "seconds": seconds})
