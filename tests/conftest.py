"""Fixtures for the system tests, which talk to a live Odoo server.

`make test` starts the server and passes its address in AUTOCRM_URL and the
database in AUTOCRM_DB. To run them by hand against a server of your own:

    AUTOCRM_URL=http://127.0.0.1:8069 AUTOCRM_DB=autocrm_demo pytest tests

The journeys create their own products, vehicles and VINs (see store.py), so
they run on an empty test database and on the demo store alike.
"""

import os
from datetime import date, timedelta
from urllib.parse import urlparse

import odoorpc
import pytest

from store import create_store, ensure_role_users, run_number


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "journey: the class's tests are the steps of one journey, run in order;"
        " the steps after a failed one are skipped",
    )


def pytest_runtest_makereport(item, call):
    if not item.get_closest_marker("journey") or call.excinfo is None:
        return
    # A skipped step or an expected failure leaves the journey's data intact.
    if call.excinfo.errisinstance(pytest.skip.Exception):
        return
    if item.get_closest_marker("xfail"):
        return
    item.parent.failed_step = item.name


def pytest_runtest_setup(item):
    if item.get_closest_marker("journey"):
        failed_step = getattr(item.parent, "failed_step", None)
        if failed_step:
            pytest.skip(f"the earlier step {failed_step} failed")


@pytest.fixture(scope="session")
def server():
    url = os.environ.get("AUTOCRM_URL")
    db = os.environ.get("AUTOCRM_DB")
    if not url or not db:
        pytest.skip("AUTOCRM_URL and AUTOCRM_DB name the server under test")
    parsed = urlparse(url)
    return {"host": parsed.hostname, "port": parsed.port or 80, "db": db, "url": url}


def connect(server, login, password):
    client = odoorpc.ODOO(server["host"], port=server["port"], timeout=120)
    client.login(server["db"], login, password)
    return client


@pytest.fixture(scope="session")
def admin(server):
    return connect(server, "admin", os.environ.get("AUTOCRM_ADMIN_PASSWORD", "admin"))


@pytest.fixture(scope="session")
def role_users(admin):
    """Return {login: user id} of the demo role users, created when missing."""
    return ensure_role_users(admin)


@pytest.fixture(scope="session")
def login(server, role_users):
    """Return a function that logs in as a demo role user (password = login)."""

    def login_as(name):
        assert name in role_users, f"{name} is not a demo role login"
        return connect(server, name, name)

    return login_as


@pytest.fixture(scope="session")
def store(admin, role_users):
    """Return the ids of the master data the journeys use (see store.py)."""
    return create_store(admin, role_users, run_number())


@pytest.fixture(scope="session")
def guide_inputs(server, store):
    """Return the values the guide's examples name in capitals."""
    return dict(store, HOST=server["host"], PORT=server["port"], DB=server["db"])


@pytest.fixture(scope="session")
def journeys():
    """Results that a later journey reads, such as the delivered deal's id."""
    return {}


def read_one(client, model, record_id, fields):
    """Return one record's values as a dict; a Many2one value becomes its id."""
    values = client.env[model].read([record_id], fields)[0]
    return {name: many2one_id(value) for name, value in values.items()}


def many2one_id(value):
    # read() returns a Many2one as [id, display name] and an x2many as [ids].
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
        return value[0]
    return value


def today_plus(days):
    """Return the date `days` after today as Odoo's date text."""
    return (date.today() + timedelta(days=days)).isoformat()


def expected_followups(admin, event_code, company_id):
    """Return {rule id: (due date, state)} the event's rules plan today.

    An activity is scheduled at once. A survey waits for its due date, unless
    it is due on the event day: then it goes out at once (the journeys'
    customers have an email address).
    """
    rules = admin.env["autocrm.followup.rule"].search_read(
        [("event_code", "=", event_code)],
        ["delay_days", "action_type", "company_id"],
    )
    expected = {}
    for rule in rules:
        if rule["company_id"] and rule["company_id"][0] != company_id:
            continue
        if rule["action_type"] == "activity":
            state = "scheduled"
        else:
            state = "sent" if rule["delay_days"] == 0 else "planned"
        expected[rule["id"]] = (today_plus(rule["delay_days"]), state)
    return expected
