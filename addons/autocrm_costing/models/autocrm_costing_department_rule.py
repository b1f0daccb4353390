from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .costing_selections import CATEGORIES


def _account_type_selection(model):
    return model.env["account.account"]._fields["account_type"].selection


class AutocrmCostingDepartmentRule(models.Model):
    """Criteria that send a journal item or stock cost to a department.

    The rules are tried by sequence and the first one whose criteria all match
    wins. A criterion left empty matches anything. Odoo's generic chart books
    every sale on one income account, so the default rules match on the
    costing category and send the remaining expense accounts to fixed costs.
    """

    _name = "autocrm.costing.department.rule"
    _description = "Department Mapping Rule"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    department_id = fields.Many2one(
        "autocrm.costing.department", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Store",
        index=True,
        help="Store the rule applies to, or empty for every store.",
    )
    category = fields.Selection(CATEGORIES)
    account_type = fields.Selection(_account_type_selection)
    account_ids = fields.Many2many(
        "account.account",
        "autocrm_costing_rule_account_rel",
        "rule_id",
        "account_id",
        string="Accounts",
        check_company=True,
        help="Matches journal items booked on one of these accounts.",
    )
    analytic_account_ids = fields.Many2many(
        "account.analytic.account",
        "autocrm_costing_rule_analytic_rel",
        "rule_id",
        "analytic_account_id",
        string="Analytic Accounts",
        check_company=True,
        help="Matches journal items whose analytic distribution uses one of"
        " these analytic accounts.",
    )
    analytic_plan_id = fields.Many2one(
        "account.analytic.plan",
        help="Matches journal items whose analytic distribution uses any"
        " analytic account of this plan.",
    )

    @api.constrains(
        "department_id",
        "category",
        "account_type",
        "account_ids",
        "analytic_account_ids",
        "analytic_plan_id",
    )
    def _check_has_criterion(self):
        for rule in self:
            if not (
                rule.category
                or rule.account_type
                or rule.account_ids
                or rule.analytic_account_ids
                or rule.analytic_plan_id
            ):
                raise ValidationError(
                    self.env._(
                        "The mapping rule of department %(department)s has no"
                        " criterion, so it would take every journal item. Set a"
                        " category, an account type, accounts or analytic"
                        " accounts.",
                        department=rule.department_id.display_name,
                    )
                )
