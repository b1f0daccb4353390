from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class PartsCommon(BaseCommon):
    """Two brands, a few parts, two stores and the parts roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.brand, cls.other_brand = cls.env["fleet.vehicle.model.brand"].create(
            [{"name": "Testmaker"}, {"name": "Othermaker"}]
        )
        cls.model_a, cls.model_b = cls.env["fleet.vehicle.model"].create(
            [
                {"name": "Alpha", "brand_id": cls.brand.id},
                {"name": "Beta", "brand_id": cls.brand.id},
            ]
        )
        cls.category = cls.env["product.category"].create({"name": "Test Filters"})
        cls.vendor = cls.env["res.partner"].create({"name": "Test OEM Distributor"})
        cls.customer = cls.env["res.partner"].create({"name": "Test Walk-in"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.warehouse_2 = cls.env["stock.warehouse"].create(
            {"name": "Test Second Store", "code": "TS2", "company_id": cls.company.id}
        )
        cls.bin_a = cls.env["stock.location"].create(
            {"name": "A01", "location_id": cls.warehouse.lot_stock_id.id}
        )
        cls.filter_old, cls.filter_mid, cls.filter_new, cls.filter_alt = (
            cls._create_parts(
                [
                    ("Oil filter (old)", "90915-10001"),
                    ("Oil filter (interim)", "90915-10002"),
                    ("Oil filter", "90915-10003"),
                    ("Oil filter, long life", "90915-20001"),
                ]
            )
        )
        cls.filter_mid.superseded_by_id = cls.filter_new
        cls.filter_old.superseded_by_id = cls.filter_mid
        cls.clerk = new_test_user(
            cls.env, login="test_parts_clerk", groups="autocrm_parts.group_parts_clerk"
        )
        cls.manager = new_test_user(
            cls.env,
            login="test_parts_manager",
            groups="autocrm_parts.group_parts_manager",
        )

    @classmethod
    def _create_parts(cls, names_numbers, brand=None, **extra):
        return cls.env["product.template"].create(
            [
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": True,
                    "part_type": "oem",
                    "part_brand_id": (brand or cls.brand).id,
                    "oem_part_number": number,
                    "categ_id": cls.category.id,
                    "list_price": 20.0,
                    "standard_price": 10.0,
                    "fitment_model_ids": [Command.set(cls.model_a.ids)],
                    "seller_ids": [
                        Command.create({"partner_id": cls.vendor.id, "delay": 4})
                    ],
                    **extra,
                }
                for name, number in names_numbers
            ]
        )

    @classmethod
    def _put_in_stock(cls, template, qty, location=None, days_ago=0):
        quant = (
            cls.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": template.product_variant_id.id,
                    "location_id": (location or cls.warehouse.lot_stock_id).id,
                    "inventory_quantity": qty,
                }
            )
        )
        quant.action_apply_inventory()
        if days_ago:
            cls._backdate(
                cls.env["stock.move"].search(
                    [
                        ("product_id", "=", template.product_variant_id.id),
                        ("is_inventory", "=", True),
                    ]
                ),
                days_ago,
            )
            quant.in_date = fields.Datetime.now() - timedelta(days=days_ago)
        return quant

    @classmethod
    def _deliver(cls, template, qty, warehouse=None, days_ago=0, done_qty=None):
        """Deliver ``done_qty`` (default: all) of a request for ``qty``."""
        warehouse = warehouse or cls.warehouse
        picking_type = warehouse.out_type_id
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": cls.customer.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": picking_type.default_location_dest_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "product_uom_qty": qty,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": (
                                picking_type.default_location_dest_id.id
                            ),
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = qty if done_qty is None else done_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        if days_ago:
            cls._backdate(picking.move_ids, days_ago)
        return picking

    @classmethod
    def _backdate(cls, moves, days_ago):
        date = fields.Datetime.now() - timedelta(days=days_ago)
        moves.write({"date": date})
        moves.move_line_ids.write({"date": date})
