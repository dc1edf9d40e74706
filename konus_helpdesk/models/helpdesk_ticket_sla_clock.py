# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The request's side of the SLA (§3.1 «Режим работы», §4.5): the
    working-time calendar its targets are counted in (the contract's, else
    the team's, else the company's), the first response (the first public
    reply of an engineer), the targets chosen by incident class and contract,
    and the nearest deadline with the working hours left before it. The
    clocks themselves are ``helpdesk.ticket.sla``."""

    _inherit = "helpdesk.ticket"

    sla_calendar_id = fields.Many2one(
        "resource.calendar",
        string="SLA calendar",
        compute="_compute_sla_calendar_id",
        store=True,
        help="The working time the SLA is counted in.",
    )
    first_response_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="First public reply of an engineer to the customer.",
    )
    sla_at_risk = fields.Boolean(
        string="SLA at risk",
        compute="_compute_sla_at_risk",
        search="_search_sla_at_risk",
    )
    sla_remaining_hours = fields.Float(
        string="SLA remaining working hours",
        compute="_compute_sla_remaining_hours",
        help="Working hours left before the nearest running SLA deadline.",
    )
    sla_deadline_local = fields.Char(
        string="SLA deadline (calendar's time)",
        compute="_compute_sla_deadline_local",
        help="The nearest deadline on the wall clock of the SLA calendar, "
        "with its time zone.",
    )

    def _sla_calendar_depends(self):
        """Fields ``_get_sla_calendar`` reads; extend it together with it."""
        return [
            "contract_id.calendar_id",
            "team_id.resource_calendar_id",
            "company_id.resource_calendar_id",
        ]

    @api.depends(lambda self: self._sla_calendar_depends())
    def _compute_sla_calendar_id(self):
        for ticket in self:
            ticket.sla_calendar_id = ticket._get_sla_calendar()

    def _get_sla_calendar(self):
        """Hook: the ticket's effective calendar for the SLA (§3.1: the
        regulation's hours unless the contract says otherwise)."""
        self.ensure_one()
        return (
            self.contract_id.calendar_id
            or self.team_id.resource_calendar_id
            or self.company_id.resource_calendar_id
        )

    def _get_sla_target_hours(self, sla):
        """Hook: the target in working hours of ``sla`` for this ticket (a
        contract may carry its own targets). Add the fields read here to
        ``helpdesk.ticket.sla._sla_hours_depends``."""
        self.ensure_one()
        incident_class = self.incident_class or sla.incident_class
        for target in self.contract_id.sla_target_ids:
            if (
                target.incident_class == incident_class
                and target.sla_type == sla.sla_type
            ):
                return target.working_hours
        return sla._get_target_hours()

    @api.depends("ticket_sla_ids.at_risk")
    def _compute_sla_at_risk(self):
        for ticket in self:
            ticket.sla_at_risk = any(ticket.ticket_sla_ids.mapped("at_risk"))

    def _search_sla_at_risk(self, operator, value):
        return [("ticket_sla_ids.at_risk", operator, value)]

    @api.depends("ticket_sla_ids.remaining_hours", "ticket_sla_ids.state")
    def _compute_sla_remaining_hours(self):
        # The clocks of all the tickets at once (a list page): one working-time
        # fetch per calendar, not one per ticket.
        clocks = self.ticket_sla_ids.filtered(
            lambda r: r.state in ("in_progress", "on_hold")
        )
        remaining = dict(zip(clocks.ids, clocks.mapped("remaining_hours"), strict=True))
        for ticket in self:
            ticket.sla_remaining_hours = min(
                (
                    remaining[clock_id]
                    for clock_id in ticket.ticket_sla_ids.ids
                    if clock_id in remaining
                ),
                default=0.0,
            )

    @api.depends("sla_deadline", "sla_calendar_id.tz")
    @api.depends_context("lang")
    def _compute_sla_deadline_local(self):
        for ticket in self:
            ticket.sla_deadline_local = ticket.sla_calendar_id._konus_format_local(
                ticket.sla_deadline
            )

    def _get_sla_ticket_domain(self):
        return super()._get_sla_ticket_domain() & self.env[
            "helpdesk.sla"
        ]._incident_class_domain(self.incident_class)

    def write(self, vals):
        # OCA recomputes each clock separately inside write; do it once,
        # in batch, after it.
        result = super(
            HelpdeskTicket, self.with_context(konus_sla_sync_later=True)
        ).write(vals)
        if "incident_class" in vals:
            self._konus_refresh_sla()
        if {"stage_id", "first_response_date", "incident_class"} & vals.keys():
            # The clock is driven by events, not by the user's rights.
            self.ticket_sla_ids.sudo()._konus_sync_state()
        return result

    def _konus_refresh_sla(self):
        """Re-select the SLAs after a reclassification. A new target of the
        same kind takes over the clock of the one it replaces: the working
        time already spent still counts."""
        ticket_slas = self.env["helpdesk.ticket.sla"].sudo()
        for ticket in self.filtered("team_id.use_sla"):
            slas = ticket._get_sla()
            obsolete = ticket.ticket_sla_ids.filtered(
                lambda r, s=slas: r.sla_id not in s
            )
            carried = {record.sla_type: record for record in obsolete}
            vals_list = []
            for sla in slas - ticket.ticket_sla_ids.sla_id:
                vals = {"ticket_id": ticket.id, "sla_id": sla.id}
                previous = carried.get(sla.sla_type)
                if previous:
                    vals.update(
                        # A breach is judged again against the new target.
                        state="in_progress"
                        if previous.state == "expired"
                        else previous.state,
                        running_since=previous.running_since,
                        consumed_time=previous.consumed_time,
                        done_date=previous.done_date,
                    )
                vals_list.append(vals)
            obsolete.sudo().unlink()
            ticket_slas.create(vals_list)

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        self._record_first_response(message)
        return result

    def _record_first_response(self, message):
        """§3.1 first response: the first public reply of an engineer (the
        customer mails, the decline included, are the company's, not an
        engineer's: they answer nothing)."""
        if (
            not self.first_response_date
            and message.message_type in ("comment", "email")
            and message.subtype_id
            and not message.subtype_id.internal
            and self._is_engineer_partner(message.author_id)
        ):
            self.sudo().write({"first_response_date": message.date})

    def _is_engineer_partner(self, partner):
        users = partner.sudo().user_ids
        return bool(
            users
            and partner != self.env.ref("base.partner_root")
            and not all(user.share for user in users)
        )
