from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import VIN_CN, VIN_EU, VIN_US, AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestVehicleVin(AutocrmCrmCommon):
    def _create_vehicle(self, vin, **vals):
        return self.env["fleet.vehicle"].create(
            {"model_id": self.model.id, "vin_sn": vin, **vals}
        )

    def test_vin_normalised_on_create_and_write(self):
        vehicle = self._create_vehicle(" 1m8gdm9a xkp042788 ")
        self.assertEqual(vehicle.vin_sn, VIN_US)
        vehicle.vin_sn = VIN_EU.lower()
        self.assertEqual(vehicle.vin_sn, VIN_EU)

    def test_vin_wrong_length_rejected(self):
        with self.assertRaisesRegex(ValidationError, "16 characters instead of 17"):
            self._create_vehicle(VIN_EU[:-1])

    def test_vin_forbidden_letters_rejected(self):
        with self.assertRaisesRegex(ValidationError, "contains I, O"):
            self._create_vehicle("WVWZZZ1JZ3WI8O752")

    def test_vin_other_characters_rejected(self):
        with self.assertRaisesRegex(ValidationError, "may only contain"):
            self._create_vehicle("WVWZZZ1JZ3W38675-")

    def test_vin_check_digit_enforced_for_north_america(self):
        wrong = VIN_US[:8] + "1" + VIN_US[9:]
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self._create_vehicle(wrong)

    def test_vin_check_digit_enforced_for_china(self):
        wrong = VIN_CN[:8] + "7" + VIN_CN[9:]
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self._create_vehicle(wrong)

    def test_vin_check_digit_free_for_europe(self):
        wrong = VIN_EU[:8] + "7" + VIN_EU[9:]
        vehicle = self._create_vehicle(wrong)
        self.assertEqual(vehicle.vin_sn, wrong)

    def test_vin_duplicate_rejected_naming_both(self):
        first = self._create_vehicle(VIN_EU, license_plate="FIRST-1")
        with self.assertRaises(ValidationError) as error:
            self._create_vehicle(VIN_EU.lower(), license_plate="SECOND-2")
        message = str(error.exception)
        self.assertIn(first.display_name, message)
        self.assertIn("SECOND-2", message)

    def test_vin_duplicate_rejected_across_companies(self):
        self._create_vehicle(VIN_EU, company_id=self.other_company.id)
        with self.assertRaisesRegex(ValidationError, "Second Store"):
            self._create_vehicle(VIN_EU, company_id=self.company.id)

    def test_vin_duplicate_rejected_for_archived_vehicle(self):
        self._create_vehicle(VIN_EU).active = False
        with self.assertRaises(ValidationError):
            self._create_vehicle(VIN_EU)

    def test_vin_unique_index_in_database(self):
        # The database index is what stops two concurrent saves of one VIN.
        rows = self.env.execute_query(
            SQL(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                "fleet_vehicle_vin_sn_unique",
            )
        )
        self.assertEqual(len(rows), 1)
        self.assertIn("UNIQUE", rows[0][0])

    def test_vin_decoded(self):
        vehicle = self._create_vehicle(VIN_EU)
        self.assertEqual(vehicle.vin_manufacturer, "Volkswagen")
        self.assertEqual(vehicle.vin_country, "Germany")
        self.assertIn("2003", vehicle.vin_model_years)

    def test_search_by_vin_tail_and_plate(self):
        vehicle = self._create_vehicle(VIN_EU, license_plate="粤B 12345")
        Vehicle = self.env["fleet.vehicle"]
        self.assertIn(vehicle, Vehicle.search([("display_name", "ilike", "386752")]))
        self.assertIn(vehicle, Vehicle.search([("display_name", "ilike", "3w386752")]))
        self.assertIn(vehicle, Vehicle.search([("display_name", "ilike", "B 12345")]))

    def test_search_partner_by_vehicle_vin(self):
        self._create_vehicle(VIN_EU, owner_id=self.customer.id, license_plate="PLATE-9")
        Partner = self.env["res.partner"]
        # The partner search box searches vehicles by name, VIN and plate.
        for text in ("386752", "3w 386752", "PLATE-9"):
            with self.subTest(text=text):
                partners = Partner.search([("owned_vehicle_ids", "ilike", text)])
                self.assertEqual(partners, self.customer)

    def test_vin_and_plate_indexed_with_trigrams(self):
        # A trigram (GIN) index serves ilike '%tail%' searches on VIN and plate.
        for column in ("vin_sn", "license_plate"):
            with self.subTest(column=column):
                rows = self.env.execute_query(
                    SQL(
                        "SELECT indexdef FROM pg_indexes WHERE tablename = %s "
                        "AND indexdef LIKE %s",
                        "fleet_vehicle",
                        f"%gin ({column} gin_trgm_ops)%",
                    )
                )
                self.assertEqual(len(rows), 1)

    def test_model_year_is_integer_from_model(self):
        vehicle = self._create_vehicle(VIN_EU)
        self.assertEqual(vehicle.model_year, 2024)
        vehicle.model_year = 2025
        self.assertEqual(vehicle.model_year, 2025)


@tagged("post_install", "-at_install")
class TestVehicleOdometer(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": cls.model.id, "owner_id": cls.customer.id}
        )
        cls.vehicle._add_odometer_reading(10000, date=cls._days_ago(100))

    def test_lower_reading_rejected(self):
        with self.assertRaisesRegex(ValidationError, "lower than the previous"):
            self.vehicle._add_odometer_reading(9000, date=self._days_ago(70))

    def test_negative_reading_rejected(self):
        # The CHECK constraint fires in PostgreSQL; the RPC layer turns it into
        # a ValidationError carrying the constraint's message.
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):
            self.env["fleet.vehicle.odometer"].create(
                {"vehicle_id": self.vehicle.id, "value": -10}
            )
            self.env.flush_all()

    def test_equal_and_higher_readings_accepted(self):
        self.vehicle._add_odometer_reading(10000, date=self._days_ago(70))
        self.vehicle._add_odometer_reading(12000, date=self._days_ago(40))
        self.assertEqual(self.vehicle.odometer, 12000)

    def test_backdated_higher_reading_rejected(self):
        self.vehicle._add_odometer_reading(15000, date=self._days_ago(40))
        with self.assertRaisesRegex(ValidationError, "higher than the later"):
            self.vehicle._add_odometer_reading(16000, date=self._days_ago(70))

    def test_lower_reading_rejected_for_consultant(self):
        vehicle = self.vehicle.with_user(self.consultant)
        with self.assertRaises(ValidationError):
            vehicle._add_odometer_reading(500)

    def test_correction_by_manager_kept_in_history(self):
        correction = (
            self.env["fleet.vehicle.odometer"]
            .with_user(self.sales_manager)
            .create(
                {
                    "vehicle_id": self.vehicle.id,
                    "value": 20,
                    "date": self._days_ago(70),
                    "is_correction": True,
                    "correction_reason": "Instrument cluster replaced",
                }
            )
        )
        self.assertEqual(self.vehicle.odometer, 20)
        self.vehicle._add_odometer_reading(500, date=self._days_ago(40))
        history = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", self.vehicle.id)]
        )
        self.assertEqual(history.mapped("value"), [500, 20, 10000])
        self.assertIn(correction, history)

    def test_correction_by_consultant_rejected(self):
        with self.assertRaisesRegex(AccessError, "Only a sales manager"):
            self.env["fleet.vehicle.odometer"].with_user(self.consultant).create(
                {
                    "vehicle_id": self.vehicle.id,
                    "value": 20,
                    "is_correction": True,
                    "correction_reason": "Meter replaced",
                }
            )

    def test_correction_without_reason_rejected(self):
        with self.assertRaisesRegex(ValidationError, "has no reason"):
            self.env["fleet.vehicle.odometer"].with_user(self.sales_manager).create(
                {"vehicle_id": self.vehicle.id, "value": 20, "is_correction": True}
            )

    def test_daily_distance_estimate(self):
        self.vehicle._add_odometer_reading(13000, date=self._days_ago(40))
        # 3000 km in 60 days
        self.assertAlmostEqual(self.vehicle._get_estimated_daily_distance(), 50.0)

    def test_daily_distance_restarts_after_correction(self):
        self.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": self.vehicle.id,
                "value": 0,
                "date": self._days_ago(70),
                "is_correction": True,
                "correction_reason": "Meter replaced",
            }
        )
        self.vehicle._add_odometer_reading(600, date=self._days_ago(40))
        self.assertAlmostEqual(self.vehicle._get_estimated_daily_distance(), 20.0)

    def test_daily_distance_needs_history(self):
        self.assertEqual(self.vehicle._get_estimated_daily_distance(), 0.0)
