from odoo.fields import Command
from odoo.tests import Form, new_test_user

from odoo.addons.autocrm_base.tools.vin import compute_check_digit
from odoo.addons.base.tests.common import BaseCommon


def make_vin(serial, wmi="LSV", descriptor="AU218", year_plant="N2"):
    """Return a valid VIN with a correct ISO 3779 check digit.

    The default WMI LSV is SAIC Volkswagen (China), where the check digit is
    mandatory.
    """
    body = f"{wmi}{descriptor}0{year_plant}{serial:06d}"
    return body[:8] + compute_check_digit(body) + body[9:]


def finish_delivery_jobs(env, order):
    """Complete the deal's delivery jobs, whichever module planned them."""
    activities = env["mail.activity"].search(
        [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
    )
    activities.action_feedback(feedback="Done")
    # With autocrm_sales_workshop installed the jobs are internal repair
    # orders instead: the workshop takes each through its own steps.
    order = order.sudo()
    jobs = order.delivery_job_ids if "delivery_job_ids" in order._fields else []
    for job in jobs:
        job.action_workshop_start()
        job.action_request_quality_check()
        job.quality_check_line_ids.result = "pass"
        job.action_sign_quality_check()
        job.action_workshop_ready()


class VehicleSalesCase(BaseCommon):
    """Store with one vehicle model, staff for every role and helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.consultant = new_test_user(
            cls.env,
            login="deal_consultant",
            groups="autocrm_crm.group_sales_consultant",
        )
        cls.other_consultant = new_test_user(
            cls.env,
            login="other_consultant",
            groups="autocrm_crm.group_sales_consultant",
        )
        cls.manager = new_test_user(
            cls.env,
            login="deal_manager",
            groups="autocrm_crm.group_sales_manager",
        )
        cls.fi_specialist = new_test_user(
            cls.env, login="deal_fi", groups="autocrm_sales.group_fi_specialist"
        )
        cls.security_guard = new_test_user(
            cls.env, login="deal_guard", groups="autocrm_sales.group_security_desk"
        )
        cls.stock_clerk = new_test_user(
            cls.env, login="deal_clerk", groups="stock.group_stock_user"
        )
        cls.consultant.deal_discount_limit = 5000
        cls.other_consultant.deal_discount_limit = 5000
        partners = cls.env["res.partner"].create(
            [
                {"name": "Ada Buyer"},
                {"name": "SAIC Volkswagen Sales"},
                {"name": "Ping An Insurance"},
                {"name": "Auto Finance Bank"},
                {"name": "Plates Agent"},
            ]
        )
        cls.customer, cls.maker, cls.insurer, cls.lender, cls.agent = partners
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen"})
        cls.model_lavida, cls.model_tiguan = cls.env["fleet.vehicle.model"].create(
            [
                {"name": "Lavida", "brand_id": brand.id},
                {"name": "Tiguan L", "brand_id": brand.id},
            ]
        )
        cls.vehicle_template = cls.env["product.template"].create(
            {
                "name": "Lavida 1.5 Comfort",
                "is_vehicle": True,
                "vehicle_model_id": cls.model_lavida.id,
                "list_price": 120000,
                "standard_price": 100000,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.vehicle = cls.vehicle_template.product_variant_id
        cls.other_vehicle = cls.env["product.product"].create(
            {
                "name": "Tiguan L 2.0 Elite",
                "is_vehicle": True,
                "vehicle_model_id": cls.model_tiguan.id,
                "list_price": 250000,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.accessory, cls.floor_mats, cls.labour = cls.env["product.product"].create(
            [
                {
                    "name": "Dash Camera",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 1200,
                    "standard_price": 500,
                    "taxes_id": [Command.clear()],
                },
                {
                    "name": "Floor Mats",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 800,
                    "standard_price": 300,
                    "taxes_id": [Command.clear()],
                },
                {
                    "name": "Accessory Fitting Labour",
                    "type": "service",
                    "list_price": 400,
                    "standard_price": 150,
                    "taxes_id": [Command.clear()],
                },
            ]
        )
        cls.stock_location = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .lot_stock_id
        )
        for product in cls.accessory | cls.floor_mats:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.stock_location, 20
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @classmethod
    def _purchase_vehicles(cls, product, prices):
        """Confirm a purchase order with one line per price; return its receipt."""
        order = cls.env["purchase.order"].create(
            {
                "partner_id": cls.maker.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for price in prices
                ],
            }
        )
        order.button_confirm()
        return order.picking_ids

    @classmethod
    def _receive_vins(cls, product, vins_and_prices):
        """Buy each VIN at its own price and receive it; return the lots."""
        lots = cls.env["stock.lot"]
        for vin, price in vins_and_prices:
            receipt = cls._purchase_vehicles(product, [price])
            wizard = (
                cls.env["autocrm.vin.receipt.wizard"]
                .with_context(active_model="stock.picking", active_id=receipt.id)
                .create({"vin_list": vin})
            )
            wizard.action_receive()
            lots |= cls.env["stock.lot"].search([("name", "=", vin)])
        return lots

    @classmethod
    def _create_deal(cls, lot, user=None, **vals):
        user = user or cls.consultant
        return (
            cls.env["sale.order"]
            .with_user(user)
            .create(
                dict(
                    {
                        "partner_id": cls.customer.id,
                        "user_id": user.id,
                        "is_vehicle_deal": True,
                        "vehicle_lot_id": lot.id,
                    },
                    **vals,
                )
            )
        )

    def _invoice_and_pay(self, order):
        """Invoice what is left on the deal, post and pay it in full."""
        invoices = order._create_invoices(final=True)
        invoices.action_post()
        self._pay(invoices)
        return invoices

    def _pay(self, invoices):
        for invoice in invoices:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()

    def _finish_delivery_jobs(self, order):
        finish_delivery_jobs(self.env, order)

    def _approve_gate_pass(self, order, odometer=12.0):
        order.action_request_gate_pass()
        gate_pass = order.gate_pass_ids.filtered(lambda gp: gp.state == "requested")
        gate_pass.delivery_odometer = odometer
        gate_pass.with_user(self.security_guard).action_approve()
        return gate_pass

    def _deliver(self, order):
        picking = order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "done"
        )
        picking.move_ids.picked = True
        picking.button_validate()
        return picking

    def _return(self, picking, user=None):
        """Return everything ``picking`` delivered, as ``user`` when given."""
        env = self.env(user=user) if user else self.env
        form = Form(
            env["stock.return.picking"].with_context(
                active_id=picking.id, active_model="stock.picking"
            )
        )
        wizard = form.save()
        for line in wizard.product_return_moves:
            line.quantity = line.move_id.quantity
        action = wizard.action_create_returns()
        returned = env["stock.picking"].browse(action["res_id"])
        returned.move_ids.picked = True
        returned.button_validate()
        return returned
