# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    """The stages the regulation's workflow moves a request to — waiting for
    the customer (§4.5), back to work, declined (§4.6) — and how long a
    request waits for the information asked for before a reminder and,
    where the team wants it, before it is closed (§4.5, §4.6)."""

    _inherit = "helpdesk.ticket.team"

    info_reminder_days = fields.Integer(
        string="Remind after (working days)",
        default=3,
        help="§4.5: working days of the request's calendar after which the "
        "customer is reminded of the information asked for (0: never).",
    )
    info_close_days = fields.Integer(
        string="Close after the reminder (working days)",
        default=0,
        help="§4.6: working days after the reminder after which a request "
        "still without the information is declined with the reason «missing "
        "information» (0: never).",
    )

    def _get_waiting_stage(self):
        """The stage where the team's requests wait for the customer: one
        where the team's SLA pauses, the regulation's own first."""
        if not self:
            return self.env["helpdesk.ticket.stage"]
        self.ensure_one()
        stages = self._get_applicable_stages().filtered(lambda s: not s.closed)
        if self.use_sla:
            paused = (
                self.env["helpdesk.sla"]
                .search([("team_ids", "in", self.ids)])
                .ignore_stage_ids
            )
            stages = stages.filtered(lambda s: s in paused) or stages.browse()
        regulation = self.env.ref(
            "konus_helpdesk.stage_waiting_customer", raise_if_not_found=False
        )
        if regulation in stages:
            return regulation
        return stages[:1]

    def _get_progress_stage(self):
        """The stage where the team's requests are worked on."""
        if not self:
            return self.env["helpdesk.ticket.stage"]
        self.ensure_one()
        stages = self._get_applicable_stages()
        waiting = self._get_waiting_stage()
        return stages.filtered(
            lambda s: not s.closed and not s.unattended and s != waiting
        )[:1]

    def _get_declined_stage(self):
        """The closing stage where the support service declines requests:
        one closed unsolved, that the customer cannot choose in the portal
        (that one is the customer's own cancellation) when there is one."""
        if not self:
            return self.env["helpdesk.ticket.stage"]
        self.ensure_one()
        stages = self._get_applicable_stages().filtered(
            lambda s: s.closed and s.declined
        )
        return stages.filtered(lambda s: not s.close_from_portal)[:1] or stages[:1]
