from odoo import api, fields, models
from odoo.exceptions import UserError


class AutocrmTimeLog(models.Model):
    """Clocked time of one technician on one labour line."""

    _name = "autocrm.time.log"
    _description = "Technician Time Log"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        string="Technician",
        required=True,
        index=True,
        check_company=True,
    )
    labour_line_id = fields.Many2one(
        "autocrm.labour.line",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    repair_id = fields.Many2one(
        related="labour_line_id.repair_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="labour_line_id.company_id", store=True, index=True
    )
    date_start = fields.Datetime(
        string="Clocked On", required=True, default=fields.Datetime.now
    )
    date_stop = fields.Datetime(string="Clocked Off")
    duration_hours = fields.Float(
        string="Hours", compute="_compute_duration_hours", store=True
    )

    # The database keeps a technician on one job at a time, even when two
    # requests clock the same technician on at the same moment.
    _one_running_clock = models.UniqueIndex(
        "(employee_id) WHERE date_stop IS NULL",
        "This technician already has a running clock. Clock off first.",
    )
    _stop_after_start = models.Constraint(
        "CHECK (date_stop IS NULL OR date_stop >= date_start)",
        "A clock cannot stop before it started.",
    )

    @api.depends("date_start", "date_stop")
    def _compute_duration_hours(self):
        for log in self:
            if log.date_start and log.date_stop:
                seconds = (log.date_stop - log.date_start).total_seconds()
                log.duration_hours = seconds / 3600.0
            else:
                log.duration_hours = 0.0

    @api.model
    def _get_current_technician(self, company):
        employee = self.env.user.employee_ids.filtered(
            lambda emp: emp.company_id == company
        )[:1]
        if not employee.is_workshop_technician:
            raise UserError(
                self.env._(
                    "User %(user)s has no technician employee in %(company)s."
                    " Ask the workshop foreman to set one up.",
                    user=self.env.user.name,
                    company=company.name,
                )
            )
        return employee

    @api.model
    def _clock_on(self, employee, labour_line):
        """Start `employee`'s clock on `labour_line`, stopping any running one."""
        repair = labour_line.repair_id
        if repair.workshop_state != "in_progress":
            raise UserError(
                self.env._(
                    "Repair order %(repair)s is not in progress (it is %(state)s)."
                    " Start the work before clocking on.",
                    repair=repair.name,
                    state=dict(
                        repair._fields["workshop_state"]._description_selection(
                            self.env
                        )
                    )[repair.workshop_state],
                )
            )
        if labour_line.approval_state != "approved":
            raise UserError(
                self.env._(
                    "Labour line %(line)s of %(repair)s is not approved by the"
                    " customer yet. Record the customer's decision first.",
                    line=labour_line.name,
                    repair=repair.name,
                )
            )
        if employee not in labour_line.technician_ids:
            raise UserError(
                self.env._(
                    "%(technician)s is not assigned to labour line %(line)s of"
                    " %(repair)s. Ask the workshop foreman to assign the job.",
                    technician=employee.name,
                    line=labour_line.name,
                    repair=repair.name,
                )
            )
        running = self.search(
            [("employee_id", "=", employee.id), ("date_stop", "=", False)]
        )
        running.action_clock_off()
        # The unique index on running clocks is checked on INSERT, so the clock
        # off must reach the database before the new clock is inserted.
        running.flush_recordset(["date_stop"])
        return self.create(
            {"employee_id": employee.id, "labour_line_id": labour_line.id}
        )

    def action_clock_off(self):
        now = fields.Datetime.now()
        self.filtered(lambda log: not log.date_stop).write({"date_stop": now})
