from markupsafe import Markup, escape

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Only workshop staff may read repair orders. Without the groups, a
    # consultant reading every field of a deal (as API clients do) gets an
    # AccessError for this field.
    delivery_job_ids = fields.One2many(
        comodel_name="repair.order",
        inverse_name="deal_id",
        string="Workshop Jobs",
        readonly=True,
        groups="autocrm_workshop.group_service_advisor",
    )
    delivery_job_count = fields.Integer(
        compute="_compute_delivery_job_count",
        groups="autocrm_workshop.group_service_advisor",
    )

    @api.depends("delivery_job_ids")
    def _compute_delivery_job_count(self):
        for order in self:
            order.delivery_job_count = len(order.delivery_job_ids)

    def _create_delivery_jobs(self):
        """Create the deal's delivery jobs as internal workshop repair orders.

        The consultant who confirms the deal usually has no workshop rights,
        so the jobs are created as superuser; the workshop then owns them.
        """
        repair_model = self.env["repair.order"].sudo()
        jobs = repair_model
        for order in self.filtered("vehicle_lot_id"):
            vehicle = order._get_or_create_fleet_vehicle()
            for job_type, summary in order._get_delivery_job_repair_specs():
                jobs |= repair_model._create_internal_job(
                    {
                        "company_id": order.company_id.id,
                        "vehicle_id": vehicle.id,
                        "deal_id": order.id,
                        "deal_job_type": job_type,
                        "user_id": False,
                        "internal_notes": Markup("<p>%s</p>") % escape(summary),
                    }
                )
        return jobs

    def _get_delivery_job_repair_specs(self):
        """Return (job type, summary) pairs for the deal's workshop jobs."""
        self.ensure_one()
        by_activity_type = {
            self.env.ref("autocrm_sales.mail_activity_type_pdi"): "pdi",
            self.env.ref("autocrm_sales.mail_activity_type_installation"): (
                "installation"
            ),
        }
        return [
            (by_activity_type[activity_type], summary)
            for activity_type, summary in self._get_delivery_job_specs()
        ]

    def _get_open_delivery_jobs(self):
        """Add the unfinished workshop jobs to the deal's open delivery jobs."""
        names = super()._get_open_delivery_jobs()
        jobs = self.sudo().delivery_job_ids
        open_jobs = jobs.filtered(lambda job: not job._is_deal_job_finished())
        labels = dict(jobs._fields["deal_job_type"]._description_selection(self.env))
        return names + [
            f"{job.name} ({labels.get(job.deal_job_type, '')})" for job in open_jobs
        ]

    def _action_cancel(self):
        """Cancel the delivery jobs the workshop has not started yet."""
        result = super()._action_cancel()
        not_started = self.sudo().delivery_job_ids.filtered(
            lambda job: job.workshop_state == "reception"
        )
        not_started.action_repair_cancel()
        return result

    def action_view_delivery_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("deal_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
