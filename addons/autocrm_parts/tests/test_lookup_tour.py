from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLookupTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tourmaker"})
        model = cls.env["fleet.vehicle.model"].create(
            {"name": "Tour Model", "brand_id": brand.id}
        )
        category = cls.env["product.category"].create({"name": "Tour Filters"})
        old, new, alternative = cls.env["product.template"].create(
            [
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": True,
                    "part_type": "oem",
                    "part_brand_id": brand.id,
                    "oem_part_number": number,
                    "categ_id": category.id,
                    "fitment_model_ids": [Command.set(model.ids)],
                }
                for name, number in (
                    ("Tour filter (old)", "90915-10001"),
                    ("Tour filter", "90915-10003"),
                    ("Tour filter, long life", "90915-20001"),
                )
            ]
        )
        old.superseded_by_id = new
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        warehouse.name = "Tour Store"
        for template in (new, alternative):
            cls.env["stock.quant"]._update_available_quantity(
                template.product_variant_id, warehouse.lot_stock_id, 4
            )
        new_test_user(
            cls.env, login="tour_parts_clerk", groups="autocrm_parts.group_parts_clerk"
        )

    def test_lookup_tour(self):
        self.start_tour(
            "/odoo/action-autocrm_parts.autocrm_parts_lookup_action",
            "autocrm_parts_lookup_tour",
            login="tour_parts_clerk",
        )
