"""External API checks of the installed suite, as an integration would see it."""

import urllib.request

import odoorpc
import pytest

from conftest import connect

MODULES = [
    "autocrm_base",
    "autocrm_crm",
    "autocrm_parts",
    "autocrm_sales",
    "autocrm_workshop",
    "autocrm_costing",
]


def test_login_page_answers(server):
    with urllib.request.urlopen(f"{server['url']}/web/login", timeout=30) as page:
        assert page.status == 200


def test_all_modules_installed(admin):
    states = {
        module["name"]: module["state"]
        for module in admin.env["ir.module.module"].search_read(
            [("name", "in", MODULES)], ["name", "state"]
        )
    }
    assert states == dict.fromkeys(MODULES, "installed")


def test_dealership_menu_has_one_submenu_per_area(admin):
    root = admin.env.ref("autocrm_base.menu_root")
    names = {
        menu["name"]
        for menu in admin.env["ir.ui.menu"].search_read(
            [("parent_id", "=", root.id)], ["name"]
        )
    }
    expected = {"Customers", "Parts", "Vehicle Sales", "Workshop", "Profit"}
    assert expected <= names


def test_wrong_password_rejected(server):
    with pytest.raises(odoorpc.error.RPCError):
        connect(server, "admin", "not-the-password")


def test_security_desk_cannot_read_leads(admin, server):
    users = admin.env["res.users"]
    group = admin.env.ref("autocrm_sales.group_security_desk")
    login = "api_security_desk"
    if not users.search([("login", "=", login)]):
        users.create(
            {
                "name": "API Security Desk",
                "login": login,
                "password": "api-Secret-123",
                "group_ids": [(6, 0, [group.id])],
            }
        )
    desk = connect(server, login, "api-Secret-123")
    with pytest.raises(odoorpc.error.RPCError) as error:
        desk.env["crm.lead"].search_read([], ["name"])
    assert "access" in str(error.value).lower()
