from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CostingCase


@tagged("post_install", "-at_install")
class TestTargets(CostingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Target = cls.env["autocrm.costing.target"]
        cls.second_consultant = new_test_user(
            cls.env,
            login="costing_consultant_2",
            groups="autocrm_crm.group_sales_consultant,"
            "autocrm_costing.group_costing_user",
        )
        cls.other_store = cls.env["res.company"].create({"name": "Other Store"})
        cls.other_consultant = new_test_user(
            cls.env,
            login="other_store_consultant",
            groups="autocrm_crm.group_sales_consultant",
            company_id=cls.other_store.id,
            company_ids=[Command.set(cls.other_store.ids)],
        )
        cls.parts_counter = cls.env.ref("autocrm_costing.department_parts_counter")

    def _target(self, **vals):
        return self.Target.create(
            {
                "kpi": "gross_profit",
                "date_from": self.month,
                "user_id": self.consultant.id,
                "target_value": 1000.0,
                **vals,
            }
        )

    def test_period_end_follows_period_type(self):
        quarter = self._target(period_type="quarter", date_from="2026-04-01")
        self.assertEqual(str(quarter.date_to), "2026-06-30")
        month = self._target(date_from="2026-02-01")
        self.assertEqual(str(month.date_to), "2026-02-28")

    def test_period_must_start_on_its_first_day(self):
        with self.assertRaisesRegex(ValidationError, "does not start a month"):
            self._target(date_from="2026-02-03")
        with self.assertRaisesRegex(ValidationError, "does not start a quarter"):
            self._target(period_type="quarter", date_from="2026-02-01")

    def test_department_target_needs_department_only(self):
        with self.assertRaisesRegex(ValidationError, "choose the department"):
            self._target(scope="department")
        with self.assertRaisesRegex(ValidationError, "choose the department"):
            self._target(scope="department", department_id=self.parts_counter.id)

    def test_employee_target_needs_employee(self):
        with self.assertRaisesRegex(ValidationError, "choose the employee"):
            self._target(user_id=False)

    def test_duplicate_target_rejected(self):
        self._target()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._target(target_value=5.0)

    def test_negative_target_rejected(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._target(target_value=-1.0)

    def test_form_shows_department_for_department_scope(self):
        form = Form(self.Target)
        form.kpi = "parts_revenue"
        form.scope = "department"
        form.department_id = self.parts_counter
        form.target_value = 200.0
        target = form.save()
        self.assertEqual(target.department_id, self.parts_counter)

    def test_department_actual_and_completion(self):
        target = self._target(
            scope="department",
            user_id=False,
            department_id=self.parts_counter.id,
            kpi="parts_revenue",
            target_value=600.0,
        )
        # Demo data may have parts sales this month: compare with before.
        before = target.actual_value
        self._counter_sale(5, 30.0)  # 150.00 of parts revenue
        target.invalidate_recordset(["actual_value", "completion"])
        self.assertAlmostEqual(target.actual_value - before, 150.0, places=2)
        # The completion field keeps one decimal.
        self.assertEqual(
            target.completion, round(100.0 * target.actual_value / 600.0, 1)
        )
        if not before:
            self.assertEqual(target.completion, 25.0)

    def test_employee_gross_profit_counts_own_sales_only(self):
        self._counter_sale(2, 30.0, user=self.consultant)  # 60.00 - 25.00
        self._counter_sale(4, 30.0, user=self.second_consultant)
        target = self._target(target_value=70.0)
        self.assertEqual(target.actual_value, 35.0)
        self.assertEqual(target.completion, 50.0)

    def test_elapsed_share_of_period(self):
        target = self._target(date_from="2026-04-01")
        for today, elapsed in (
            ("2026-04-10", 33.3),
            ("2026-05-10", 100.0),
            ("2026-03-10", 0.0),
        ):
            with self.subTest(today=today), freeze_time(today):
                target.invalidate_recordset(["elapsed"])
                self.assertEqual(target.elapsed, elapsed)

    def test_lead_conversion(self):
        won_stage = self.env["crm.stage"].create({"name": "Won", "is_won": True})
        leads = self.env["crm.lead"].create(
            [
                {"name": f"Lead {index}", "user_id": self.consultant.id}
                for index in range(4)
            ]
        )
        leads[0].stage_id = won_stage
        target = self._target(kpi="lead_conversion", target_value=50.0)
        self.assertEqual(target.actual_value, 25.0)
        self.assertEqual(target.completion, 50.0)

    def test_bulk_creates_for_store_consultants_only(self):
        wizard = self.env["autocrm.costing.target.bulk"].create(
            {"kpi": "vehicles_delivered", "target_value": 12.0}
        )
        self.assertIn(self.consultant, wizard.user_ids)
        self.assertIn(self.second_consultant, wizard.user_ids)
        self.assertNotIn(self.other_consultant, wizard.user_ids)
        self.assertNotIn(self.accountant, wizard.user_ids)
        wizard.action_apply()
        targets = self.Target.search(
            [("kpi", "=", "vehicles_delivered"), ("date_from", "=", self.month)]
        )
        self.assertEqual(targets.user_id, wizard.user_ids)
        self.assertEqual(set(targets.mapped("target_value")), {12.0})

    def test_bulk_updates_existing_target(self):
        existing = self._target(kpi="vehicles_delivered", target_value=3.0)
        wizard = self.env["autocrm.costing.target.bulk"].create(
            {"kpi": "vehicles_delivered", "target_value": 8.0}
        )
        wizard.action_apply()
        self.assertEqual(existing.target_value, 8.0)
        self.assertEqual(
            self.Target.search_count(
                [("user_id", "=", self.consultant.id), ("date_from", "=", self.month)]
            ),
            1,
        )

    def test_bulk_without_consultants_rejected(self):
        wizard = self.env["autocrm.costing.target.bulk"].create(
            {"kpi": "vehicles_delivered", "target_value": 8.0}
        )
        wizard.user_ids = False
        with self.assertRaisesRegex(UserError, "has no sales consultant"):
            wizard.action_apply()

    def test_copy_from_previous_period(self):
        previous = self.month - relativedelta(months=1)
        self._target(date_from=previous, target_value=900.0)
        self._target(date_from=previous, kpi="parts_revenue", target_value=50.0)
        already = self._target(kpi="parts_revenue", target_value=75.0)
        self.env["autocrm.costing.target.copy"].create({}).action_copy()
        current = self.Target.search([("date_from", "=", self.month)])
        self.assertEqual(len(current), 2)
        copied = current - already
        self.assertEqual(copied.kpi, "gross_profit")
        self.assertEqual(copied.target_value, 900.0)
        self.assertEqual(copied.user_id, self.consultant)
        self.assertEqual(already.target_value, 75.0)

    def test_copy_without_previous_targets_rejected(self):
        wizard = self.env["autocrm.costing.target.copy"].create({})
        with self.assertRaisesRegex(UserError, "has no targets"):
            wizard.action_copy()

    def test_consultant_sees_only_own_targets(self):
        own = self._target()
        other = self._target(user_id=self.second_consultant.id)
        department = self._target(
            scope="department", user_id=False, department_id=self.parts_counter.id
        )
        visible = self.Target.with_user(self.consultant).search([])
        self.assertIn(own, visible)
        self.assertNotIn(other, visible)
        self.assertNotIn(department, visible)
        store = self.Target.with_user(self.accountant).search([])
        self.assertEqual(store & (own | other | department), own | other | department)

    def test_consultant_cannot_write_targets(self):
        own = self._target()
        with self.assertRaises(AccessError):
            own.with_user(self.consultant).target_value = 1.0

    def test_other_store_targets_hidden(self):
        other = self.Target.create(
            {
                "company_id": self.other_store.id,
                "kpi": "gross_profit",
                "date_from": self.month,
                "user_id": self.other_consultant.id,
                "target_value": 10.0,
            }
        )
        self.assertNotIn(other, self.Target.with_user(self.accountant).search([]))

    def test_nps_of_own_documents(self):
        survey = self.env["survey.survey"].create({"title": "Service check"})
        question = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "Would you recommend us?",
                "question_type": "scale",
                "scale_min": 0,
                "scale_max": 10,
                "is_nps": True,
            }
        )

        # Any document with a store and a salesperson works; deals and repair
        # orders join the selection when their apps add themselves to it.
        own_order, other_order = self.env["crm.lead"].create(
            [
                {"name": "Own prospect", "user_id": self.consultant.id},
                {"name": "Other prospect", "user_id": self.second_consultant.id},
            ]
        )
        for order, score in (
            (own_order, 10),
            (own_order, 9),
            (own_order, 7),
            (own_order, 3),
            (other_order, 0),
        ):
            answer = self.env["survey.user_input"].create(
                {
                    "survey_id": survey.id,
                    "partner_id": self.customer.id,
                    "autocrm_document_ref": f"crm.lead,{order.id}",
                    "user_input_line_ids": [
                        Command.create(
                            {
                                "survey_id": survey.id,
                                "question_id": question.id,
                                "answer_type": "scale",
                                "value_scale": score,
                            }
                        )
                    ],
                }
            )
            answer.write({"state": "done", "end_datetime": fields.Datetime.now()})

        own = self._target(kpi="csi_nps", target_value=50.0)
        # Promoters 2 of 4, detractors 1 of 4.
        self.assertEqual(own.actual_value, 25.0)
        store = self._target(
            kpi="csi_nps",
            scope="department",
            user_id=False,
            department_id=self.env.ref("autocrm_costing.department_service_labour").id,
        )
        # Store-wide, the other consultant's 0 is a fifth response.
        self.assertEqual(store.actual_value, 100.0 * (2 - 2) / 5)
