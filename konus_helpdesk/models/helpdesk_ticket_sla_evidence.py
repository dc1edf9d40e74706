# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class HelpdeskTicketSla(models.Model):
    """SLA evidence (§3.1): a clock records when the support service met or
    missed its targets, and reports to customers and to the head of support
    are built on it. Only the SLA engine writes it: nobody — engineer or
    head of support — creates, changes or deletes a clock by hand, whatever
    the way in (form, list, RPC, import).

    The engine writes in superuser mode (``sudo()``), which no remote call
    can ask for; a context key could be forged by any RPC caller."""

    _inherit = "helpdesk.ticket.sla"

    def _check_sla_evidence_access(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "SLA clocks are kept by the SLA engine alone: they are the "
                    "record of the service's response and resolution times and "
                    "cannot be created, changed or deleted by hand."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_sla_evidence_access()
        return super().create(vals_list)

    def write(self, vals):
        self._check_sla_evidence_access()
        return super().write(vals)

    def unlink(self):
        self._check_sla_evidence_access()
        return super().unlink()

    # The engine's own entry points run as the engine, whoever set off the
    # event (an engineer's stage change, the alert cron).

    def _konus_sync_state(self, now=None):
        return super(HelpdeskTicketSla, self.sudo())._konus_sync_state(now)

    def _notify_sla_event(self, event):
        return super(HelpdeskTicketSla, self.sudo())._notify_sla_event(event)


class HelpdeskTicket(models.Model):
    """The first response (§3.1) is SLA evidence too: recorded by the engine
    when an engineer first replies to the customer, never set by hand."""

    _inherit = "helpdesk.ticket"

    def _check_first_response_access(self, vals):
        if "first_response_date" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "The first response is recorded by the SLA engine when an "
                    "engineer first replies to the customer: it cannot be set "
                    "by hand."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_first_response_access(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_first_response_access(vals)
        return super().write(vals)

    def set_sla(self):
        """OCA's: start the clocks of new tickets. On a ticket that already
        has clocks it would delete them and start again from zero — not a
        thing anyone may do by hand."""
        if not self.env.su and self.sudo().ticket_sla_ids:
            self.env["helpdesk.ticket.sla"]._check_sla_evidence_access()
        return super(HelpdeskTicket, self.sudo()).set_sla()

    def refresh_sla(self):
        """The form's «Set SLA» button: the engine selects the SLAs again
        for the ticket's data, a replaced target's clock keeping the working
        time already spent (see ``_konus_refresh_sla``)."""
        self.ensure_one()
        self._konus_refresh_sla()
        return True
