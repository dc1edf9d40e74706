# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _konus_support_heads(self, companies=None):
        """The heads of the support service (§5.4 «непосредственный
        руководитель»): active internal users holding the group, directly or
        through a group implying it, working in one of ``companies`` (any
        company when ``None``). The superuser is no person to notify."""
        group = self.env.ref("konus_helpdesk.group_support_head")
        return group.sudo().all_user_ids.filtered(
            lambda user: (
                user.active
                and not user.share
                and not user._is_superuser()
                and (companies is None or user.company_ids & companies)
            )
        )

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
