# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

SLA_RESULTS = [
    ("met", "Met"),
    ("breached", "Breached"),
    ("running", "Running"),
    ("not_applicable", "Not applicable (declined)"),
    ("none", "No target"),
]


class HelpdeskTicket(models.Model):
    """The request's SLA figures for the reports: per target (first response,
    resolution) its result and the working hours its clock wrote when it
    stopped (``helpdesk.ticket.sla.worked_hours``). Stored projections of
    the clocks, kept by the ORM when the clocks change, so the requests
    analysis over years of requests reads columns instead of aggregating
    clocks."""

    _inherit = "helpdesk.ticket"

    sla_response_result = fields.Selection(
        SLA_RESULTS,
        string="First response SLA",
        compute="_compute_sla_figures",
        store=True,
    )
    sla_resolution_result = fields.Selection(
        SLA_RESULTS, string="Resolution SLA", compute="_compute_sla_figures", store=True
    )
    sla_response_hours = fields.Float(
        string="Hours to first response",
        compute="_compute_sla_figures",
        store=True,
        help="Working hours on the request's calendar, pauses excluded.",
    )
    sla_resolution_hours = fields.Float(
        string="Hours to resolution",
        compute="_compute_sla_figures",
        store=True,
        help="Working hours on the request's calendar, pauses excluded.",
    )

    # The nearest deadline of the target's running clocks: the reports
    # compare it with the present moment, so a breach shows before the alert
    # cron marks the clock (the engine's rule: a running clock whose
    # deadline has come is breached).
    sla_response_deadline = fields.Datetime(
        string="First response deadline",
        compute="_compute_sla_figures",
        store=True,
    )
    sla_resolution_deadline = fields.Datetime(
        string="Resolution deadline",
        compute="_compute_sla_figures",
        store=True,
    )

    @api.depends(
        "ticket_sla_ids.sla_type",
        "ticket_sla_ids.state",
        "ticket_sla_ids.worked_hours",
        "ticket_sla_ids.deadline",
    )
    def _compute_sla_figures(self):
        for ticket in self:
            for sla_type in ("response", "resolution"):
                clocks = ticket.ticket_sla_ids.filtered(
                    lambda c, t=sla_type: c.sla_type == t
                )
                result, hours = self._sla_figures_of(clocks)
                ticket[f"sla_{sla_type}_result"] = result
                ticket[f"sla_{sla_type}_hours"] = hours
                running = clocks.filtered(
                    lambda c: c.state == "in_progress" and c.deadline
                )
                ticket[f"sla_{sla_type}_deadline"] = min(
                    running.mapped("deadline"), default=False
                )

    @api.model
    def _sla_figures_of(self, clocks):
        """``(result, worked hours or False)`` of the clocks of one target."""
        states = set(clocks.mapped("state"))
        if not states:
            return "none", False
        if "expired" in states:
            result = "breached"
        elif states == {"cancelled"}:
            result = "not_applicable"
        elif states == {"accomplished"}:
            result = "met"
        else:
            return "running", False
        stopped = clocks.filtered(
            lambda c: (
                c.state == "accomplished" or (c.state == "expired" and c.worked_hours)
            )
        )
        if result == "not_applicable" or not stopped:
            return result, False
        return result, max(stopped.mapped("worked_hours"))
