# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        # A customer given portal access reads the times of its requests on
        # the support service's clock (§3.1) until it sets its own zone;
        # without one, the portal would show them in UTC.
        for user in users.filtered(lambda u: u.share and not u.tz):
            tz = user.company_id.resource_calendar_id.tz
            if tz:
                user.sudo().tz = tz
        return users
