from odoo.tests import Form, new_test_user, tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestOdooRoles(PartsCommon):
    """Odoo's own roles, without a dealership role, keep using parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="odoo_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.product_manager = new_test_user(
            cls.env,
            login="odoo_product_manager",
            groups="product.group_product_manager,stock.group_stock_user",
        )

    def test_salesman_reads_part_fitment(self):
        part = self.filter_new.with_user(self.salesman)
        self.assertEqual(part.fitment_model_ids, self.model_a)
        self.assertEqual(part.part_brand_id.display_name, "Testmaker")

    def test_product_manager_duplicates_part(self):
        copy = self.filter_new.with_user(self.product_manager).copy()
        self.assertEqual(copy.fitment_model_ids, self.model_a)
        self.assertFalse(copy.oem_part_number)

    def test_product_manager_opens_part_form(self):
        part_form = Form(self.filter_new.with_user(self.product_manager))
        part_form.list_price = 25.0
        part_form.save()
        self.assertEqual(self.filter_new.list_price, 25.0)
