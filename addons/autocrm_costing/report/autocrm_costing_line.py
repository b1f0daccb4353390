from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.costing_selections import CATEGORIES, DEPARTMENT_KINDS, PAYERS

INCOME_TYPES = ("income", "income_other")
EXPENSE_TYPES = (
    "expense",
    "expense_other",
    "expense_depreciation",
    "expense_direct_cost",
)


class AutocrmCostingLine(models.Model):
    """Revenue or cost of one journal item or stock move, with its department.

    Every profit report of the app reads this view. It is SQL because one
    row joins journal items, stock moves, the mapping rules and the deal that
    sold a VIN. Python would have to load every one of those records, while
    PostgreSQL aggregates them in one query.

    Revenue comes from posted customer invoices and credit notes (cancelled
    and draft ones never count). Cost comes from posted vendor bills and from
    the value of the stock moves delivered to customers or consumed by repair
    orders, which carries each VIN's own purchase cost. The cost-of-goods-sold
    lines of invoices and the entries of the stock journal are left out
    because the stock moves already count that cost.
    """

    _name = "autocrm.costing.line"
    _inherit = ["autocrm.costing.report.mixin"]
    _description = "Profit Line"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"
    # Pending ORM writes to these fields are flushed before the view is read.
    _depends = {
        "account.move.line": [
            "move_id",
            "account_id",
            "balance",
            "date",
            "company_id",
            "name",
            "costing_category",
            "costing_deal_id",
            "costing_lot_id",
            "costing_repair_id",
            "costing_payer",
            "analytic_distribution",
            "display_type",
            "partner_id",
            "product_id",
            "quantity",
        ],
        "account.move": [
            "state",
            "journal_id",
            "move_type",
            "invoice_user_id",
            "reversed_entry_id",
        ],
        "product.template": ["type"],
        "autocrm.insurance.policy": ["order_id", "rebate_invoice_id"],
        "autocrm.deal.finance": ["order_id", "commission_invoice_id"],
        "autocrm.agency.service": ["order_id", "vendor_bill_id"],
        "autocrm.warranty.claim": ["repair_id", "invoice_id"],
        "autocrm.warranty.claim.line": ["claim_id", "kind", "amount", "quantity"],
        "autocrm.time.log": [
            "labour_line_id",
            "repair_id",
            "company_id",
            "employee_id",
            "date_stop",
            "duration_hours",
        ],
        "autocrm.labour.line": ["name", "payer"],
        "hr.employee": ["costing_hourly_cost"],
        "account.account": ["account_type"],
        "account.analytic.account": ["root_plan_id"],
        "stock.move": [
            "state",
            "value",
            "is_out",
            "is_in",
            "sale_line_id",
            "repair_id",
            "origin_returned_move_id",
            "date",
            "company_id",
            "quantity",
            "product_id",
            "partner_id",
            "reference",
            "payer",
        ],
        "stock.move.line": ["lot_id", "move_id"],
        "stock.lot": ["product_id", "vehicle_model_id", "standard_price"],
        "stock.landed.cost": ["state", "date", "company_id", "vendor_bill_id"],
        "stock.landed.cost.lines": ["account_id"],
        "stock.valuation.adjustment.lines": [
            "cost_id",
            "cost_line_id",
            "product_id",
            "additional_landed_cost",
            "costing_account_id",
            "costing_expensed_cost",
            "costing_lot_costs",
        ],
        "sale.order.line": ["costing_category", "costing_payer", "order_id"],
        "sale.order": [
            "user_id",
            "partner_id",
            "company_id",
            "date_order",
            "team_id",
            "is_vehicle_deal",
            "vehicle_lot_id",
            "deal_type",
            "state",
        ],
        "repair.order": [
            "deal_id",
            "sale_order_id",
            "user_id",
            "company_id",
            "partner_id",
            "insurer_invoice_id",
        ],
        "res.company": [
            "currency_id",
            "account_stock_journal_id",
            "partner_id",
            "resource_calendar_id",
        ],
        "res.partner": ["tz"],
        "resource.calendar": ["tz"],
        "res.currency": ["decimal_places"],
        "autocrm.costing.department": ["active", "kind", "sequence"],
        "autocrm.costing.department.rule": [
            "sequence",
            "department_id",
            "company_id",
            "category",
            "account_type",
            "account_ids",
            "analytic_account_ids",
            "analytic_plan_id",
        ],
    }

    name = fields.Char(string="Label", readonly=True)
    source = fields.Selection(
        [
            ("journal", "Journal Item"),
            ("stock", "Stock Move"),
            ("labour", "Clocked Time"),
            ("landed", "Landed Cost"),
            ("expected", "Expected Cost"),
        ],
        readonly=True,
        help="Kind of document the row comes from. Expected Cost is the cost of a"
        " vehicle invoiced before it was delivered.",
    )
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    department_id = fields.Many2one("autocrm.costing.department", readonly=True)
    department_kind = fields.Selection(DEPARTMENT_KINDS, readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    account_move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True
    )
    move_line_id = fields.Many2one(
        "account.move.line", string="Journal Item", readonly=True
    )
    stock_move_id = fields.Many2one("stock.move", readonly=True)
    landed_cost_id = fields.Many2one("stock.landed.cost", readonly=True)
    deal_id = fields.Many2one("sale.order", string="Vehicle Deal", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="VIN", readonly=True)
    vehicle_product_id = fields.Many2one(
        "product.product", string="Vehicle", readonly=True
    )
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", readonly=True)
    deal_type = fields.Selection(
        selection=lambda self: self.env["sale.order"]._fields["deal_type"].selection,
        readonly=True,
    )
    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    payer = fields.Selection(PAYERS, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="Consultant of the vehicle deal or responsible of the repair order.",
    )
    partner_id = fields.Many2one("res.partner", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    quantity = fields.Float(
        readonly=True,
        help="Quantity of the journal item, or of the stock move with returns"
        " counted as negative.",
    )
    sold_quantity = fields.Float(
        readonly=True,
        help="Quantity invoiced to a customer, negative on credit notes and zero"
        " for costs.",
    )
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    gross_profit = fields.Monetary(readonly=True)

    @api.model
    def _action_open(self, domain, group_by=None):
        """Return the window action listing the profit lines of ``domain``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_costing.autocrm_costing_line_action"
        )
        action["domain"] = domain
        action["context"] = {f"search_default_group_{group_by}": 1} if group_by else {}
        return action

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._get_view_query(),
            )
        )

    def _get_view_query(self):
        return SQL(
            """
            WITH src AS (
                %(journal)s
                UNION ALL %(stock)s
                UNION ALL %(labour)s
                UNION ALL %(landed)s
            ),
            -- The internal jobs of a deal (inspection, accessory fitting) are
            -- charged to the deal's installation cost.
            resolved AS (
                SELECT src.id, src.name, src.source, src.date, src.company_id,
                       CASE WHEN job.id IS NOT NULL THEN 'installation'
                            ELSE src.category END AS category,
                       src.account_id, src.account_type, src.analytic_ids,
                       src.account_move_id, src.move_line_id, src.stock_move_id,
                       src.landed_cost_id,
                       COALESCE(src.source_deal_id, job.deal_id, lot_deal.order_id)
                           AS deal_id,
                       src.lot_id, src.repair_id, src.payer, src.order_user_id,
                       src.partner_id, src.product_id, src.quantity,
                       src.revenue, src.cost
                  FROM src
             LEFT JOIN repair_order job
                    ON job.id = src.repair_id AND job.deal_id IS NOT NULL
             LEFT JOIN (%(lot_deal)s) lot_deal
                    ON lot_deal.lot_id = src.lot_id AND src.source_deal_id IS NULL
            ),
            -- The mapping rules are matched once per distinct combination of
            -- the criteria, not once per journal item. The expected cost rows
            -- are vehicle costs without account.
            rule_keys AS (
                SELECT r.*, matched.department_id
                  FROM (SELECT DISTINCT company_id,
                               COALESCE(category, '') AS category,
                               COALESCE(account_id, 0) AS account_id,
                               COALESCE(account_type, '') AS account_type,
                               analytic_ids
                          FROM resolved
                         UNION
                        SELECT id, 'vehicle', 0, '', ARRAY[]::integer[]
                          FROM res_company) r
             LEFT JOIN LATERAL (%(rule)s) matched ON TRUE
            )
            SELECT r.id, r.name, r.source, r.date, r.company_id,
                   company.currency_id, r.category,
                   department.id AS department_id,
                   department.kind AS department_kind,
                   r.account_id, r.account_move_id, r.move_line_id,
                   r.stock_move_id, r.landed_cost_id, r.deal_id, r.lot_id,
                   lot.product_id AS vehicle_product_id,
                   lot.vehicle_model_id,
                   deal.deal_type,
                   r.repair_id, r.payer,
                   COALESCE(deal.user_id, repair.user_id, r.order_user_id)
                       AS user_id,
                   r.partner_id, r.product_id, r.quantity,
                   CASE WHEN r.revenue > 0 THEN ABS(r.quantity)
                        WHEN r.revenue < 0 THEN -ABS(r.quantity)
                        ELSE 0 END AS sold_quantity,
                   r.revenue, r.cost, r.revenue - r.cost AS gross_profit
              FROM (SELECT * FROM resolved UNION ALL %(expected)s) r
              JOIN res_company company ON company.id = r.company_id
         LEFT JOIN sale_order deal ON deal.id = r.deal_id
         LEFT JOIN repair_order repair ON repair.id = r.repair_id
         LEFT JOIN stock_lot lot ON lot.id = r.lot_id
         LEFT JOIN rule_keys matched
                ON matched.company_id = r.company_id
               AND matched.category = COALESCE(r.category, '')
               AND matched.account_id = COALESCE(r.account_id, 0)
               AND matched.account_type = COALESCE(r.account_type, '')
               AND matched.analytic_ids = r.analytic_ids
         LEFT JOIN autocrm_costing_department department
                ON department.id = matched.department_id
            """,
            journal=self._get_journal_query(),
            stock=self._get_stock_query(),
            labour=self._get_labour_query(),
            landed=self._get_landed_cost_query(),
            lot_deal=self._get_lot_deal_query(),
            expected=self._get_expected_cost_query(),
            rule=self._get_rule_query(),
        )

    def _get_journal_query(self):
        """Select posted profit-and-loss journal items with their analytics.

        Invoices and bills that the deal and workshop documents create
        without sale order lines (insurance rebates, lender commissions,
        agency bills, insurer invoices, warranty claims, and the credit
        notes reversing them) get their deal, repair order and payer here.
        A warranty claim is invoiced as one amount: it is split between
        labour and parts in proportion to the claim's own lines. A deposit is
        left out because the final invoice deducts it again: it is a
        prepayment, not revenue. The entries of landed costs are left out
        because the landed cost rows count them.

        Each item gives one row per entry of its analytic distribution, so
        that each share can go to its own department. Each share is rounded
        on its running total, so the shares of an item add up to it exactly.
        """
        return SQL(
            """
            -- NOTE: the ids stay unique while an item has fewer than 1000
            -- analytic distribution keys.
            SELECT (aml.id::bigint * 1000 + part.rank) * 10
                       + COALESCE(split.id_offset, 1) AS id,
                   aml.name AS name,
                   'journal' AS source,
                   aml.date AS date,
                   aml.company_id AS company_id,
                   COALESCE(split.category, aml.costing_category, doc.category,
                            CASE WHEN doc.repair_id IS NULL THEN NULL
                                 WHEN template.type = 'service' THEN 'labour'
                                 ELSE 'parts_workshop' END) AS category,
                   aml.account_id AS account_id,
                   account.account_type AS account_type,
                   part.analytic_ids AS analytic_ids,
                   aml.move_id AS account_move_id,
                   aml.id AS move_line_id,
                   NULL::integer AS stock_move_id,
                   NULL::integer AS landed_cost_id,
                   COALESCE(aml.costing_deal_id, doc.deal_id) AS source_deal_id,
                   aml.costing_lot_id AS lot_id,
                   COALESCE(aml.costing_repair_id, doc.repair_id) AS repair_id,
                   COALESCE(doc.payer, aml.costing_payer) AS payer,
                   CASE WHEN am.move_type IN ('out_invoice', 'out_refund')
                        THEN am.invoice_user_id END AS order_user_id,
                   aml.partner_id AS partner_id,
                   aml.product_id AS product_id,
                   COALESCE(split.quantity, aml.quantity) * part.share
                       AS quantity,
                   CASE WHEN account.account_type IN %(income)s
                        THEN -part_amount.balance ELSE 0 END AS revenue,
                   CASE WHEN account.account_type IN %(expense)s
                        THEN part_amount.balance ELSE 0 END AS cost
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN account_account account ON account.id = aml.account_id
              JOIN res_company aml_company ON aml_company.id = aml.company_id
              JOIN res_currency currency ON currency.id = aml_company.currency_id
         LEFT JOIN product_product product ON product.id = aml.product_id
         LEFT JOIN product_template template
                ON template.id = product.product_tmpl_id
         LEFT JOIN (%(documents)s) doc
                ON doc.move_id = COALESCE(am.reversed_entry_id, am.id)
         LEFT JOIN (%(claim_split)s) split ON split.claim_id = doc.claim_id
        CROSS JOIN LATERAL (%(analytic_parts)s) part
        CROSS JOIN LATERAL (
                   SELECT ROUND(aml.balance * COALESCE(split.share, 1)
                                * part.share_after, currency.decimal_places)
                          - ROUND(aml.balance * COALESCE(split.share, 1)
                                  * part.share_before, currency.decimal_places)
                              AS balance
                   ) part_amount
             WHERE am.state = 'posted'
               AND account.account_type IN %(pl_types)s
               AND aml.display_type IS DISTINCT FROM 'cogs'
               AND am.journal_id IS DISTINCT FROM
                   aml_company.account_stock_journal_id
               AND NOT EXISTS (
                   SELECT 1 FROM stock_landed_cost landed
                    WHERE landed.account_move_id = am.id)
               AND NOT EXISTS (
                   SELECT 1
                     FROM sale_order_line_invoice_rel rel
                     JOIN sale_order_line sol ON sol.id = rel.order_line_id
                    WHERE rel.invoice_line_id = aml.id AND sol.is_downpayment)
            """,
            income=INCOME_TYPES,
            expense=EXPENSE_TYPES,
            pl_types=INCOME_TYPES + EXPENSE_TYPES,
            documents=self._get_document_query(),
            claim_split=self._get_claim_split_query(),
            analytic_parts=self._get_analytic_part_query(),
        )

    def _get_analytic_part_query(self):
        """Split the journal item ``aml`` by its analytic distribution.

        Each distribution key gives one row with its analytic accounts and
        its share of the item, in key order. ``share_before`` and
        ``share_after`` are the running totals of the shares before and
        after the key: rounding each running total to the cent makes the
        rounded parts add up to the item. When the percentages add up to
        more than 100 (one distribution per analytic plan), they are scaled
        down to 100. When they add up to less, the rest is one more row
        without analytic accounts. An item without distribution is one row
        with share 1.
        """
        return SQL(
            """
            SELECT 0 AS rank, ARRAY[]::integer[] AS analytic_ids,
                   1::numeric AS share, 0::numeric AS share_before,
                   1::numeric AS share_after
             WHERE aml.analytic_distribution IS NULL
            UNION ALL
            SELECT (ROW_NUMBER() OVER running) - 1,
                   entry.analytic_ids,
                   entry.percent / total.percent,
                   (SUM(entry.percent) OVER running - entry.percent)
                       / total.percent,
                   SUM(entry.percent) OVER running / total.percent
              FROM (
                    SELECT dist.key,
                           string_to_array(dist.key, ',')::integer[]
                               AS analytic_ids,
                           dist.value::numeric AS percent
                      FROM jsonb_each_text(aml.analytic_distribution) dist
                    UNION ALL
                    SELECT NULL, ARRAY[]::integer[],
                           100 - COALESCE(SUM(rest.value::numeric), 0)
                      FROM jsonb_each_text(aml.analytic_distribution) rest
                    HAVING COALESCE(SUM(rest.value::numeric), 0) < 100
                   ) entry
        CROSS JOIN (
                    SELECT GREATEST(COALESCE(SUM(dist.value::numeric), 0), 100)
                               AS percent
                      FROM jsonb_each_text(aml.analytic_distribution) dist
                   ) total
             WHERE aml.analytic_distribution IS NOT NULL
            WINDOW running AS (ORDER BY entry.key NULLS LAST)
            """
        )

    def _get_document_query(self):
        """List the journal entries that deal and repair documents created.

        It is joined on the entry, or on the entry a credit note reverses,
        with an equality so that PostgreSQL can hash-join it.
        """
        return SQL(
            """
            SELECT DISTINCT ON (move_id) *
              FROM (
                    SELECT policy.rebate_invoice_id AS move_id,
                           policy.order_id AS deal_id, 'insurance' AS category,
                           NULL::integer AS repair_id, NULL AS payer,
                           NULL::integer AS claim_id
                      FROM autocrm_insurance_policy policy
                     WHERE policy.rebate_invoice_id IS NOT NULL
                    UNION ALL
                    SELECT finance.commission_invoice_id, finance.order_id,
                           'finance', NULL, NULL, NULL
                      FROM autocrm_deal_finance finance
                     WHERE finance.commission_invoice_id IS NOT NULL
                    UNION ALL
                    SELECT service.vendor_bill_id, service.order_id, 'agency',
                           NULL, NULL, NULL
                      FROM autocrm_agency_service service
                     WHERE service.vendor_bill_id IS NOT NULL
                    UNION ALL
                    SELECT repair.insurer_invoice_id, NULL, NULL, repair.id,
                           'insurer', NULL
                      FROM repair_order repair
                     WHERE repair.insurer_invoice_id IS NOT NULL
                    UNION ALL
                    SELECT claim.invoice_id, NULL, NULL, claim.repair_id,
                           'warranty', claim.id
                      FROM autocrm_warranty_claim claim
                     WHERE claim.invoice_id IS NOT NULL
                   ) documents
          ORDER BY move_id
            """
        )

    def _get_claim_split_query(self):
        """Return the parts and labour shares of each warranty claim.

        ``id_offset`` keeps the ids of the split rows unique: 1 for a whole
        journal item, 4 for the parts share and 5 for the labour share. A
        split row takes its quantity (parts, or hours sold) from the claim.
        A claim without lines, or whose lines total zero, is not split.
        """
        return SQL(
            """
            SELECT line.claim_id,
                   CASE line.kind WHEN 'part' THEN 'parts_workshop'
                                  ELSE 'labour' END AS category,
                   SUM(line.amount) / claim_total.amount AS share,
                   SUM(line.quantity) AS quantity,
                   CASE line.kind WHEN 'part' THEN 4 ELSE 5 END AS id_offset
              FROM autocrm_warranty_claim_line line
              JOIN (SELECT claim_id, SUM(amount) AS amount
                      FROM autocrm_warranty_claim_line
                  GROUP BY claim_id) claim_total
                ON claim_total.claim_id = line.claim_id
             WHERE claim_total.amount <> 0
          GROUP BY line.claim_id, line.kind, claim_total.amount
            """
        )

    def _get_stock_query(self):
        """Select the value of goods delivered to customers or used in repairs.

        A return to stock is a negative cost of the deal or repair it reverses.
        """
        return SQL(
            """
            SELECT sm.id * 10 + 2 AS id,
                   sm.reference AS name,
                   'stock' AS source,
                   (sm.date AT TIME ZONE 'UTC' AT TIME ZONE zone.tz)::date AS date,
                   sm.company_id AS company_id,
                   COALESCE(sol.costing_category,
                            CASE WHEN sm.repair_id IS NOT NULL
                                 THEN 'parts_workshop' END) AS category,
                   NULL::integer AS account_id,
                   NULL::varchar AS account_type,
                   ARRAY[]::integer[] AS analytic_ids,
                   NULL::integer AS account_move_id,
                   NULL::integer AS move_line_id,
                   sm.id AS stock_move_id,
                   NULL::integer AS landed_cost_id,
                   CASE WHEN so.is_vehicle_deal THEN so.id END AS source_deal_id,
                   (SELECT MIN(sml.lot_id) FROM stock_move_line sml
                     WHERE sml.move_id = sm.id) AS lot_id,
                   COALESCE(sm.repair_id, so_repair.id) AS repair_id,
                   COALESCE(sm.payer, sol.costing_payer) AS payer,
                   so.user_id AS order_user_id,
                   COALESCE(so.partner_id, sm.partner_id) AS partner_id,
                   sm.product_id AS product_id,
                   CASE WHEN sm.is_out THEN sm.quantity
                        ELSE -sm.quantity END AS quantity,
                   0.0 AS revenue,
                   CASE WHEN sm.is_out THEN sm.value ELSE -sm.value END AS cost
              FROM stock_move sm
              JOIN (%(zones)s) zone ON zone.company_id = sm.company_id
         LEFT JOIN sale_order_line sol ON sol.id = sm.sale_line_id
         LEFT JOIN sale_order so ON so.id = sol.order_id
         LEFT JOIN LATERAL (
                   SELECT ro.id FROM repair_order ro
                    WHERE ro.sale_order_id = so.id
                 ORDER BY ro.id LIMIT 1
                   ) so_repair ON TRUE
             WHERE sm.state = 'done'
               AND (sm.sale_line_id IS NOT NULL OR sm.repair_id IS NOT NULL)
               AND (sm.is_out
                    OR (sm.is_in AND sm.origin_returned_move_id IS NOT NULL))
            """,
            zones=self._get_company_timezone_query(),
        )

    def _get_labour_query(self):
        """Select the technicians' cost of the time clocked on repair orders."""
        return SQL(
            """
            SELECT log.id * 10 + 3 AS id,
                   labour.name AS name,
                   'labour' AS source,
                   (log.date_stop AT TIME ZONE 'UTC' AT TIME ZONE zone.tz)::date
                       AS date,
                   log.company_id AS company_id,
                   'labour' AS category,
                   NULL::integer AS account_id,
                   NULL::varchar AS account_type,
                   ARRAY[]::integer[] AS analytic_ids,
                   NULL::integer AS account_move_id,
                   NULL::integer AS move_line_id,
                   NULL::integer AS stock_move_id,
                   NULL::integer AS landed_cost_id,
                   NULL::integer AS source_deal_id,
                   NULL::integer AS lot_id,
                   log.repair_id AS repair_id,
                   labour.payer AS payer,
                   NULL::integer AS order_user_id,
                   repair.partner_id AS partner_id,
                   NULL::integer AS product_id,
                   log.duration_hours AS quantity,
                   0.0 AS revenue,
                   ROUND((log.duration_hours
                          * COALESCE(employee.costing_hourly_cost, 0))::numeric,
                         2) AS cost
              FROM autocrm_time_log log
              JOIN autocrm_labour_line labour ON labour.id = log.labour_line_id
              JOIN repair_order repair ON repair.id = log.repair_id
              JOIN hr_employee employee ON employee.id = log.employee_id
              JOIN (%(zones)s) zone ON zone.company_id = log.company_id
             WHERE log.date_stop IS NOT NULL
            """,
            zones=self._get_company_timezone_query(),
        )

    def _get_landed_cost_query(self):
        """Select the landed costs that Odoo's stock_landed_costs applied.

        A landed cost moves its amount from the expense account it was
        billed on into the value of the goods it was added to. A first row
        per adjustment line takes that amount off the expense account. The
        share of goods still in stock counts in their delivery, with the rest
        of their value. The share of each VIN that had already left when the
        landed cost was validated is one more row on that VIN, so it lands on
        the deal that sold it. The share of other goods that had already left
        stays on the expense account, as in Odoo's own journal entry.
        """
        return SQL(
            """
            SELECT (adj.id::bigint * 1000 + part.position) * 10 + 8 AS id,
                   landed.name AS name,
                   'landed' AS source,
                   landed.date AS date,
                   landed.company_id AS company_id,
                   CASE WHEN part.lot_id IS NOT NULL THEN 'vehicle' END
                       AS category,
                   part.account_id AS account_id,
                   part.account_type AS account_type,
                   ARRAY[]::integer[] AS analytic_ids,
                   NULL::integer AS account_move_id,
                   NULL::integer AS move_line_id,
                   NULL::integer AS stock_move_id,
                   landed.id AS landed_cost_id,
                   NULL::integer AS source_deal_id,
                   part.lot_id AS lot_id,
                   NULL::integer AS repair_id,
                   NULL AS payer,
                   NULL::integer AS order_user_id,
                   bill.partner_id AS partner_id,
                   adj.product_id AS product_id,
                   0.0 AS quantity,
                   0.0 AS revenue,
                   part.cost AS cost
              FROM stock_valuation_adjustment_lines adj
              JOIN stock_landed_cost landed
                ON landed.id = adj.cost_id AND landed.state = 'done'
         LEFT JOIN stock_landed_cost_lines cost_line
                ON cost_line.id = adj.cost_line_id
         LEFT JOIN account_account account
                ON account.id = COALESCE(adj.costing_account_id,
                                         cost_line.account_id)
         LEFT JOIN account_move bill ON bill.id = landed.vendor_bill_id
        CROSS JOIN LATERAL (
                   SELECT 0::bigint AS position, NULL::integer AS lot_id,
                          account.id AS account_id,
                          account.account_type AS account_type,
                          COALESCE(adj.costing_expensed_cost, 0)
                              - adj.additional_landed_cost AS cost
                    WHERE account.account_type IN %(expense)s
                   UNION ALL
                   SELECT share.position, share.lot_id::integer,
                          NULL::integer, NULL::varchar, share.cost::numeric
                     FROM jsonb_each_text(adj.costing_lot_costs)
                          WITH ORDINALITY AS share(lot_id, cost, position)
                   ) part
            """,
            expense=EXPENSE_TYPES,
        )

    def _get_expected_cost_query(self):
        """Select the expected cost of the VINs invoiced before they left.

        Without it, a deal invoiced before delivery shows its revenue with no
        cost. From the invoice date the deal counts its VIN's own cost (the
        lot's cost, including the landed costs of its receipt). When the VIN
        leaves later, that row takes the delivery's cost and a second row on
        the delivery date takes it back, so the invoice month keeps its cost
        and the deal counts the delivery's cost once.
        """
        return SQL(
            """
            SELECT flow.deal_id * 10
                       + CASE WHEN phase.reversal THEN 7 ELSE 6 END AS id,
                   lot.name AS name,
                   'expected' AS source,
                   CASE WHEN phase.reversal THEN flow.delivery_date
                        ELSE flow.invoice_date END AS date,
                   deal.company_id AS company_id,
                   'vehicle' AS category,
                   NULL::integer AS account_id,
                   NULL::varchar AS account_type,
                   ARRAY[]::integer[] AS analytic_ids,
                   NULL::integer AS account_move_id,
                   NULL::integer AS move_line_id,
                   NULL::integer AS stock_move_id,
                   NULL::integer AS landed_cost_id,
                   flow.deal_id AS deal_id,
                   deal.vehicle_lot_id AS lot_id,
                   NULL::integer AS repair_id,
                   NULL AS payer,
                   NULL::integer AS order_user_id,
                   deal.partner_id AS partner_id,
                   lot.product_id AS product_id,
                   CASE WHEN phase.reversal THEN -flow.invoiced_qty
                        ELSE flow.invoiced_qty END AS quantity,
                   0.0 AS revenue,
                   CASE WHEN phase.reversal THEN -expected.cost
                        ELSE expected.cost END AS cost
              FROM (
                    SELECT deal_id,
                           SUM(CASE WHEN revenue > 0 THEN ABS(quantity)
                                    WHEN revenue < 0 THEN -ABS(quantity)
                                    ELSE 0 END)
                               FILTER (WHERE source = 'journal')
                               AS invoiced_qty,
                           MIN(date) FILTER (
                               WHERE source = 'journal' AND revenue > 0)
                               AS invoice_date,
                           COALESCE(SUM(quantity) FILTER (
                               WHERE source = 'stock'), 0) AS delivered_qty,
                           SUM(cost) FILTER (WHERE source = 'stock')
                               AS delivered_cost,
                           MAX(date) FILTER (
                               WHERE source = 'stock' AND quantity > 0)
                               AS delivery_date
                      FROM resolved
                     WHERE category = 'vehicle'
                       AND deal_id IS NOT NULL
                       AND source IN ('journal', 'stock')
                  GROUP BY deal_id
                   ) flow
              JOIN sale_order deal ON deal.id = flow.deal_id
              JOIN res_company company ON company.id = deal.company_id
              JOIN res_currency currency ON currency.id = company.currency_id
         LEFT JOIN stock_lot lot ON lot.id = deal.vehicle_lot_id
        CROSS JOIN LATERAL (
                   SELECT ROUND(
                              (CASE WHEN flow.delivered_qty > 0
                                    THEN flow.delivered_cost / flow.delivered_qty
                                    ELSE (lot.standard_price
                                          ->> deal.company_id::text)::numeric
                               END * flow.invoiced_qty)::numeric,
                              currency.decimal_places) AS cost
                   ) expected
              JOIN (VALUES (FALSE), (TRUE)) AS phase(reversal)
                ON NOT phase.reversal OR flow.delivered_qty > 0
             WHERE flow.invoiced_qty > 0
               AND expected.cost IS NOT NULL
               AND (flow.delivered_qty <= 0
                    OR flow.delivery_date > flow.invoice_date)
            """
        )

    def _get_lot_deal_query(self):
        """Return, per VIN, the deal that last delivered it, else the
        confirmed deal that reserved it.

        This is how a cost that names only the VIN, such as a freight bill
        or an OEM bonus paid months after delivery, lands on its deal.
        """
        return SQL(
            """
            SELECT DISTINCT ON (lot_id) lot_id, order_id
              FROM (
                    SELECT sml.lot_id, sol.order_id, 1 AS priority,
                           sm.date, sm.id
                      FROM stock_move_line sml
                      JOIN stock_move sm ON sm.id = sml.move_id
                      JOIN sale_order_line sol ON sol.id = sm.sale_line_id
                     WHERE sml.lot_id IS NOT NULL
                       AND sm.state = 'done'
                       AND sm.is_out
                    UNION ALL
                    SELECT deal.vehicle_lot_id, deal.id, 2, deal.date_order,
                           deal.id
                      FROM sale_order deal
                     WHERE deal.vehicle_lot_id IS NOT NULL
                       AND deal.is_vehicle_deal
                       AND deal.state = 'sale'
                   ) candidate
          ORDER BY lot_id, priority, date DESC, id DESC
            """
        )

    def _get_rule_query(self):
        """Pick the first department mapping rule whose criteria all match."""
        return SQL(
            """
            SELECT rule.department_id
              FROM autocrm_costing_department_rule rule
              JOIN autocrm_costing_department dept
                ON dept.id = rule.department_id AND dept.active
             WHERE (rule.company_id IS NULL OR rule.company_id = r.company_id)
               AND (rule.category IS NULL OR rule.category = r.category)
               AND (rule.account_type IS NULL
                    OR rule.account_type = r.account_type)
               AND (NOT EXISTS (
                        SELECT 1 FROM autocrm_costing_rule_account_rel rel
                         WHERE rel.rule_id = rule.id)
                    OR EXISTS (
                        SELECT 1 FROM autocrm_costing_rule_account_rel rel
                         WHERE rel.rule_id = rule.id
                           AND rel.account_id = r.account_id))
               AND (NOT EXISTS (
                        SELECT 1 FROM autocrm_costing_rule_analytic_rel rel
                         WHERE rel.rule_id = rule.id)
                    OR EXISTS (
                        SELECT 1 FROM autocrm_costing_rule_analytic_rel rel
                         WHERE rel.rule_id = rule.id
                           AND rel.analytic_account_id = ANY(r.analytic_ids)))
               AND (rule.analytic_plan_id IS NULL
                    OR EXISTS (
                        SELECT 1 FROM account_analytic_account analytic
                         WHERE analytic.id = ANY(r.analytic_ids)
                           AND analytic.root_plan_id = rule.analytic_plan_id))
          ORDER BY rule.sequence, rule.id
             LIMIT 1
            """
        )
