from odoo.tests import BaseCase, tagged

from odoo.addons.autocrm_base.tools import vin as vin_tools


@tagged("at_install")
class TestVinRules(BaseCase):
    def test_normalize_removes_spaces_and_uppercases(self):
        self.assertEqual(
            vin_tools.normalize_vin(" 1hgcm 82633a\t004352 "), "1HGCM82633A004352"
        )

    def test_check_digit_of_known_vin(self):
        # Honda Accord VIN published as the usual worked example.
        self.assertEqual(vin_tools.compute_check_digit("1HGCM82633A004352"), "3")
        self.assertIsNone(vin_tools.vin_problem("1HGCM82633A004352"))

    def test_check_digit_x_for_remainder_ten(self):
        vin = "1M8GDM9AXKP042788"
        self.assertEqual(vin_tools.compute_check_digit(vin), "X")
        self.assertIsNone(vin_tools.vin_problem(vin))

    def test_wrong_length_rejected(self):
        problem = vin_tools.vin_problem("1HGCM82633A00435")
        self.assertIn("16 characters", problem)

    def test_forbidden_letters_rejected(self):
        problem = vin_tools.vin_problem("1HGCM82633AO04352")
        self.assertIn("O", problem)

    def test_symbols_rejected(self):
        self.assertIsNotNone(vin_tools.vin_problem("1HGCM82633A-04352"))

    def test_check_digit_enforced_for_north_america(self):
        problem = vin_tools.vin_problem("1HGCM82643A004352")
        self.assertIn("check digit", problem)

    def test_check_digit_enforced_for_china(self):
        vin = "LSVAU2180N2183294"
        self.assertNotEqual(vin[8], vin_tools.compute_check_digit(vin))
        self.assertIn("check digit", vin_tools.vin_problem(vin))

    def test_check_digit_not_enforced_for_europe(self):
        vin = "WVWZZZ1JZ3W386752"
        self.assertNotEqual(vin[8], vin_tools.compute_check_digit(vin))
        self.assertIsNone(vin_tools.vin_problem(vin))

    def test_decode_maker_country_year(self):
        decoded = vin_tools.decode_vin("1HGCM82633A004352")
        self.assertEqual(decoded["manufacturer"], "Honda")
        self.assertEqual(decoded["country"], "United States")
        self.assertEqual(decoded["model_years"], [2003])

    def test_model_year_newest_up_to_limit(self):
        # N is the code of both 1992 and 2022.
        vin = "LSVAU2180N2000201"
        vin = vin[:8] + vin_tools.compute_check_digit(vin) + vin[9:]
        self.assertEqual(vin_tools.vin_model_year(vin, 2027), 2022)
        self.assertEqual(vin_tools.vin_model_year(vin, 2021), 1992)
        self.assertIsNone(vin_tools.vin_model_year("NOT A VIN", 2027))

    def test_decode_invalid_vin_returns_empty(self):
        self.assertEqual(vin_tools.decode_vin("NOT A VIN")["manufacturer"], "")
