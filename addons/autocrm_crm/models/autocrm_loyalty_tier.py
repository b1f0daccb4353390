from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AutocrmLoyaltyTier(models.Model):
    _name = "autocrm.loyalty.tier"
    _description = "Membership Tier"
    _order = "min_points, id"

    name = fields.Char(required=True, translate=True)
    min_points = fields.Float(
        string="Minimum Points",
        required=True,
        help="Points on the membership card from which a member reaches the tier.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _min_points_unique = models.UniqueIndex(
        "(min_points) WHERE active",
        "Two active tiers cannot start at the same number of points.",
    )

    @api.constrains("min_points")
    def _check_min_points(self):
        for tier in self:
            if tier.min_points < 0:
                raise ValidationError(
                    self.env._(
                        "The tier %(tier)s starts at %(points)s points. Enter 0 "
                        "or more.",
                        tier=tier.name,
                        points=tier.min_points,
                    )
                )

    @api.model
    def _get_tier(self, points):
        """Return the highest active tier reached with ``points``."""
        return self.search(
            [("min_points", "<=", points)], order="min_points desc", limit=1
        )
