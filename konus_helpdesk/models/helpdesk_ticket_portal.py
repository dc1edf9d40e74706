# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskTicket(models.Model):
    """What the customer reads of a request in the portal: its status in
    plain words (solved, declined with the §4.6 reason, waiting for the
    customer) and its times on a named wall clock."""

    _inherit = "helpdesk.ticket"

    def _portal_status(self):
        """``(code, words, detail)``: ``code`` is ``in_progress``,
        ``waiting``, ``solved`` or ``declined``; ``detail`` the §4.6 reason
        and clause of a declined or deferred request.

        A request is declined when it is closed in a stage closed unsolved;
        the reason it keeps from an earlier deferral is told only while it
        is declined or deferred."""
        self.ensure_one()
        env = self.env
        ticket = self.sudo()
        stage = ticket.stage_id
        reason = ticket.deferral_reason_id
        detail = None
        if reason:
            detail = (
                env._(
                    "Reason: %(reason)s (§%(clause)s of the regulation)",
                    reason=reason.display_name,
                    clause=reason.clause,
                )
                if reason.clause
                else env._("Reason: %(reason)s", reason=reason.display_name)
            )
        if stage.closed:
            if stage.declined:
                return "declined", env._("Declined"), detail
            return "solved", env._("Solved"), None
        waiting = env.ref(
            "konus_helpdesk.stage_waiting_customer", raise_if_not_found=False
        )
        if ticket.waiting_for or stage == waiting:
            return (
                "waiting",
                env._("Waiting for your information"),
                detail
                if ticket.waiting_for == "deferral"
                else env._("The support service needs your answer to go on (§4.5)."),
            )
        return "in_progress", env._("In progress"), None

    def _portal_tz(self, reader=None):
        """The time zone ``reader`` (default: the current user; a portal page
        holds the ticket with sudo, so it passes the visitor) reads this
        request's times in: the reader's own when set, else the request's
        calendar's (§3.1)."""
        self.ensure_one()
        reader = reader or self.env.user
        return (
            reader.tz
            or self.sudo().sla_calendar_id.tz
            or self.sudo().company_id.resource_calendar_id.tz
            or "UTC"
        )
