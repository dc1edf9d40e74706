# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    """A global leave may carry a special day of the calendar (a holiday, a
    transferred day off, Sagaalgan, or the hour a pre-holiday day loses):
    it follows the special day's edits and dies with it."""

    _inherit = "resource.calendar.leaves"

    konus_special_day_id = fields.Many2one(
        "konus.calendar.special.day",
        string="Special day",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
    )
