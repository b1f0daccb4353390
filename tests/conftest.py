"""Fixtures for the system tests, which talk to a live Odoo server.

`make test` starts the server and passes its address in AUTOCRM_URL and the
database in AUTOCRM_DB. To run them by hand against a server of your own:

    AUTOCRM_URL=http://127.0.0.1:8069 AUTOCRM_DB=autocrm_demo pytest tests
"""

import os
from urllib.parse import urlparse

import odoorpc
import pytest


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
