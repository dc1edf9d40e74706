# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import UTC, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, format_datetime, html2plaintext

from ..tools.mail_numbers import extract_ticket_numbers

# The head of support answers a complaint within this many working days of
# the request's calendar (ir.config_parameter to change it).
RESPONSE_DAYS_PARAM = "konus_helpdesk.complaint_response_days"
DEFAULT_RESPONSE_DAYS = 3


class KonusComplaint(models.Model):
    """A customer's complaint about a specialist of the support service
    (§5.4: communication must be correct on both sides; the customer may
    complain to the head of support), or a letter to the head of support
    about a request closed before it was resolved (§5.5).

    It reaches the head of support only: the specialist it concerns does
    not see it unless the head shares it with them. The head answers within
    a deadline counted in working days of the request's calendar."""

    _name = "konus.complaint"
    _description = "Complaint to the head of support"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    kind = fields.Selection(
        [
            ("complaint", "Complaint about a specialist"),
            ("premature_closure", "Request closed unresolved"),
        ],
        required=True,
        default="complaint",
        help="Complaint about a specialist (§5.4) or a letter about a request "
        "closed before it was resolved (§5.5).",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Request",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer contact",
        index="btree_not_null",
        tracking=True,
        help="The person who wrote the complaint.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer",
        store=True,
        index="btree_not_null",
    )
    email_from = fields.Char(
        string="Sender's e-mail", help="The address a complaint by mail came from."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Specialist",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="The specialist the complaint is about: by default the "
        "request's assignee.",
    )
    description = fields.Text(required=True)
    state = fields.Selection(
        [("new", "New"), ("in_progress", "In progress"), ("done", "Answered")],
        required=True,
        default="new",
        tracking=True,
        index=True,
    )
    resolution = fields.Html(
        help="What the head of support found and decided; told to the customer."
    )
    shared_with_specialist = fields.Boolean(
        string="Shared with the specialist",
        tracking=True,
        help="The specialist concerned can read the complaint (the head of "
        "support decides).",
    )
    date_deadline = fields.Datetime(
        string="Answer due",
        readonly=True,
        copy=False,
        help="Working days of the request's calendar after the complaint arrived.",
    )
    date_deadline_local = fields.Char(
        string="Answer due (local time)",
        compute="_compute_date_deadline_local",
        help="The deadline in the time zone of the request's calendar.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("ticket_id")
    def _compute_user_id(self):
        for complaint in self:
            complaint.user_id = complaint.ticket_id.user_id

    @api.depends("date_deadline")
    @api.depends_context("lang")
    def _compute_date_deadline_local(self):
        for complaint in self:
            complaint.date_deadline_local = complaint.date_deadline and format_datetime(
                self.env,
                complaint.date_deadline,
                tz=complaint._get_calendar().tz,
                dt_format="short",
            )

    @api.depends("ticket_id")
    def _compute_company_id(self):
        for complaint in self:
            complaint.company_id = (
                complaint.ticket_id.company_id
                or complaint.company_id
                or self.env.company
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("konus.complaint")
                    or "/"
                )
        complaints = super().create(vals_list)
        complaints._set_deadline()
        complaints._notify_heads()
        complaints._send_acknowledgement()
        return complaints

    def mail_allowed_qweb_expressions(self):
        # The acknowledgement needs plain fields only.
        return super().mail_allowed_qweb_expressions() + (
            "object.name",
            "object.ticket_id.number",
            "object.date_deadline_local",
            "object.kind",
        )

    # ------------------------------------------------------------------
    # Mail gateway: complaints written to the head of support's address
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg, custom_values=None):
        """A mail to the head of support becomes a complaint; it is linked to
        the request whose number it quotes only when that request belongs to
        the sender (never another customer's)."""
        values = dict(custom_values or {})
        author = self.env["res.partner"].browse(msg.get("author_id") or [])
        email = email_normalize(msg.get("email_from") or "")
        text = "\n".join(
            (msg.get("subject") or "", html2plaintext(msg.get("body") or ""))
        )
        ticket = self._find_sender_ticket(text, author, email)
        values.update(
            {
                # The reference comes from the sequence, not the subject.
                "name": "/",
                "partner_id": author.id or False,
                "email_from": msg.get("email_from"),
                "description": html2plaintext(msg.get("body") or "")
                or msg.get("subject")
                or "-",
            }
        )
        if ticket:
            values.update({"ticket_id": ticket.id, "company_id": ticket.company_id.id})
        return super().message_new(msg, custom_values=values)

    @api.model
    def _find_sender_ticket(self, text, author, email):
        numbers = extract_ticket_numbers(text)
        if not numbers:
            return self.env["helpdesk.ticket"]
        tickets = self.env["helpdesk.ticket"].sudo().search([("number", "in", numbers)])
        return tickets.filtered(lambda t: t._is_from_customer(author, email))[:1]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_start(self):
        self.filtered(lambda c: c.state == "new").state = "in_progress"

    def action_done(self):
        for complaint in self:
            if complaint.kind == "complaint" and not complaint.resolution:
                raise UserError(
                    self.env._(
                        "Write down the resolution before closing the complaint "
                        "%(name)s: the customer is told what was decided.",
                        name=complaint.name,
                    )
                )
        self.state = "done"
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_reopen(self):
        self.state = "in_progress"

    def action_share_with_specialist(self):
        self.shared_with_specialist = True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _get_calendar(self):
        self.ensure_one()
        return (
            self.ticket_id.sla_calendar_id
            or self.env.ref(
                "konus_helpdesk.calendar_ulan_ude", raise_if_not_found=False
            )
            or self.company_id.resource_calendar_id
        )

    def _set_deadline(self):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(RESPONSE_DAYS_PARAM, DEFAULT_RESPONSE_DAYS)
        )
        for complaint in self:
            calendar = complaint._get_calendar()
            tz = pytz.timezone(calendar.tz or "UTC")
            received = complaint.create_date.replace(tzinfo=UTC).astimezone(tz)
            # The day of receipt does not count: the answer is due by the end
            # of the n-th working day after it.
            start = tz.localize(
                datetime.combine(received.date() + timedelta(days=1), time.min)
            )
            due = calendar.plan_days(days, start, compute_leaves=True)
            complaint.date_deadline = due and _end_of_working_day(calendar, due)

    def _get_heads(self):
        """Heads of support of the complaint's company (§5.4)."""
        self.ensure_one()
        return self.env["res.users"]._konus_support_heads(self.company_id)

    def _notify_heads(self):
        for complaint in self:
            for head in complaint._get_heads():
                env = self.with_context(lang=head.lang).env
                complaint.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=(complaint.date_deadline or datetime.now(UTC)).date(),
                    summary=(
                        env._("Complaint %(name)s", name=complaint.name)
                        if complaint.kind == "complaint"
                        else env._("Letter %(name)s", name=complaint.name)
                    ),
                    note=env._(
                        "From %(customer)s about %(ticket)s; answer due %(deadline)s.",
                        customer=complaint.partner_id.display_name
                        or complaint.email_from
                        or "-",
                        ticket=complaint.ticket_id.display_name or "-",
                        deadline=complaint.with_env(env).date_deadline_local,
                    ),
                    user_id=head.id,
                )

    def _send_acknowledgement(self):
        """Tell the customer, in their language, that the head of support
        received their complaint and when to expect the answer."""
        template = self.env.ref(
            "konus_helpdesk.mail_template_complaint_acknowledgement",
            raise_if_not_found=False,
        )
        if not template:
            return
        for complaint in self.filtered(lambda c: c.partner_id.email or c.email_from):
            template.sudo().send_mail(
                complaint.id, email_layout_xmlid="mail.mail_notification_light"
            )


def _end_of_working_day(calendar, moment):
    """The end of the work of ``calendar`` on the day of ``moment`` (aware),
    as a naive UTC datetime: ``plan_days`` stops at the first interval of
    the last day, the answer is due at the end of that day."""
    tz = pytz.timezone(calendar.tz or "UTC")
    day = moment.astimezone(tz).date()
    intervals = calendar._work_intervals_batch(
        tz.localize(datetime.combine(day, time.min)),
        tz.localize(datetime.combine(day, time.max)),
    )[False]
    end = max((stop for _start, stop, _meta in intervals), default=moment)
    return end.astimezone(UTC).replace(tzinfo=None)
