# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    """The heads of support (§5.4 «руководитель»): who is warned of an SLA
    breach or risk and of a contract about to end."""

    _inherit = "res.users"

    @api.model
    def _konus_support_heads(self, companies):
        """The active internal users who are heads of support in one of
        ``companies``: members of the group or of any group implying it."""
        return (
            self.env.ref("konus_helpdesk.group_support_head")
            .sudo()
            .all_user_ids.filtered(
                lambda user: (
                    user.active
                    and not user.share
                    and not user._is_superuser()
                    and user.company_ids & companies
                )
            )
        )
