"""Playwright in Debian's Chromium against pytest-django's live server.

Never run `playwright install` here: the browser is the system one (`apt-get install chromium
fonts-noto-core`; without the fonts Vietnamese renders as boxes in screenshots).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.test.utils import override_settings

from tests.factories import make_user

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/screens"))
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last, after every test that relies on the migrations' data.

    They need the live server, hence a transactional database that is flushed after each of
    them (the migrations' groups and permissions go too). pytest-django sorts such tests after
    the plain `db` ones, but pytest then regroups tests by session-scoped parameters, and
    pytest-playwright gives `browser_name` to any test with an argument called `page`, so a
    browser test could be pulled in front of ordinary database tests.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    # A newcomer's machine may lack Chromium: say so and skip; CI installs it and must run them.
    if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
        for item in items:
            if item.get_closest_marker("browser"):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright(django_db_setup, playwright):
    """Playwright's sync API, with Django's async-safety check off while its loop runs.

    The sync API keeps an asyncio loop running in the main thread from start to stop, and
    Django refuses database calls whenever a loop is running (SynchronousOnlyOperation).
    The test database is created first (django_db_setup) so that it is also destroyed only
    after the loop has stopped. Only the rest of this session runs with the check off.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield playwright
    if previous is None:
        del os.environ[ASYNC_UNSAFE]
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="session")
def _live_server_static_root(tmp_path_factory):
    """An empty STATIC_ROOT while the live server starts: its WhiteNoise warns without one.

    (tests/conftest.py gives every test its own STATIC_ROOT, but only once the session-scoped
    server, whose middleware is loaded at start, is already running.)
    """
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("staticfiles")):
        yield


@pytest.fixture(scope="session")
def live_server(_live_server_static_root, django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists.

    Started earlier, it sees the on-disk database name, so it does not share the in-memory
    test database's connection with its request threads: each opens its own connection,
    which Django never closes for an in-memory database (ResourceWarning at exit).
    """
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1280, "height": 800},
    }


@pytest.fixture
def browser_errors(page):
    """Console errors (CSP violations among them) and uncaught exceptions of the page."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text} @ {message.location.get('url')}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    return errors


@pytest.fixture
def screens():
    """Where screenshots go (outside the repository)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS


@pytest.fixture
def editor_credentials(transactional_db):
    """An editor ("Biên tập viên", may publish) with a password typed in the login form."""
    password = "Mật-khẩu-thử-2026"
    user = make_user("Biên tập viên", username="btv.dienbien")
    user.set_password(password)
    user.save()
    return user.username, password
