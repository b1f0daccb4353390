"""Checks of the Odoo configuration that `make demo` writes.

These tests call tools/autocrm.py directly and need no Odoo server.
"""

import configparser
import importlib.util
import stat
import sys
from pathlib import Path

import pytest
from passlib.context import CryptContext

TOOL = Path(__file__).resolve().parent.parent / "tools" / "autocrm.py"


@pytest.fixture
def autocrm(tmp_path, monkeypatch):
    """Load tools/autocrm.py with its generated files under tmp_path."""
    spec = importlib.util.spec_from_file_location("autocrm_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "WORK_DIR", tmp_path / ".autocrm")
    monkeypatch.setattr(module, "LOG_DIR", tmp_path / ".autocrm" / "logs")
    monkeypatch.setattr(module, "stock_addons_paths", lambda: ["/opt/odoo/addons"])
    monkeypatch.setenv("PGUSER", "autocrm")
    return module


def read_options(path):
    parser = configparser.RawConfigParser()
    parser.read(path)
    return parser["options"]


def test_demo_config_closes_database_manager(autocrm):
    options = read_options(autocrm.write_config("demo", db="demo_db"))
    password = autocrm.demo_admin_password_path().read_text().strip()
    stored = options["admin_passwd"]
    hashing = CryptContext(schemes=["pbkdf2_sha512"])
    assert options["list_db"] == "False"
    assert len(password) >= 20
    assert password not in stored
    assert stored.startswith("$pbkdf2-sha512$")
    assert hashing.verify(password, stored)
    assert not hashing.verify("admin", stored)


def test_demo_password_private_and_kept(autocrm):
    autocrm.write_config("demo", db="demo_db")
    path = autocrm.demo_admin_password_path()
    first = path.read_text()
    autocrm.write_config("demo", db="demo_db")
    assert path.read_text() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_demo_passwords_differ_per_checkout(autocrm, tmp_path, monkeypatch):
    first = autocrm.demo_admin_password()
    monkeypatch.setattr(autocrm, "WORK_DIR", tmp_path / "other")
    assert autocrm.demo_admin_password() != first


def test_odoo_log_written_while_running(autocrm, tmp_path, monkeypatch):
    """Each output line reaches the log file before the program ends."""
    monkeypatch.setattr(autocrm, "ROOT", tmp_path)
    log_path = tmp_path / "child.log"
    # The child prints one line, then waits until the log file contains it. It
    # exits with status 3 after 10 s, so a log written only at the end fails.
    child = (
        "import pathlib, sys, time\n"
        "print('step one done', flush=True)\n"
        f"log = pathlib.Path({str(log_path)!r})\n"
        "deadline = time.monotonic() + 10\n"
        "while 'step one done' not in log.read_text():\n"
        "    if time.monotonic() > deadline:\n"
        "        sys.exit(3)\n"
        "    time.sleep(0.05)\n"
    )
    rc = autocrm.run_odoo_logged(
        [sys.executable, "-c", child], log_path, "Running a child process"
    )
    assert rc == 0
    assert log_path.read_text() == "step one done\n"
