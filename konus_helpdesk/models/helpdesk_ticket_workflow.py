# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize


class HelpdeskTicket(models.Model):
    """The engineer's regulation workflow on a request: asking the customer
    for missing information (§4.5) — the request then *waits for the
    customer*, its SLA paused, until the customer answers —, deferring a
    request until a date or declining it for a reason of §4.6, involving a
    third party where the contract allows it (§4.7) and stopping service on
    an abusive request, which the head of support acknowledges (§5.4)."""

    _inherit = "helpdesk.ticket"

    deferral_reason_id = fields.Many2one(
        "konus.deferral.reason",
        string="Deferral / refusal reason",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        copy=False,
        help="The reason of §4.6 the request was deferred or declined for.",
    )
    customer_note = fields.Text(
        string="Note to the customer",
        readonly=True,
        copy=False,
        help="The engineer's own words to the customer when the request was "
        "last declined (§4.6), added to the mail after the reason.",
    )
    waiting_for = fields.Selection(
        [
            ("information", "Information from the customer"),
            ("deferral", "Deferral date"),
        ],
        string="Waiting for",
        readonly=True,
        copy=False,
        help="Why the request waits in the waiting stage: the customer's "
        "answer to a request for information (§4.5) or the date it was "
        "deferred to (§4.6).",
    )
    waiting_since = fields.Datetime(readonly=True, copy=False)
    waiting_until = fields.Date(
        string="Deferred until",
        readonly=True,
        copy=False,
        help="The request comes back to work on this day (§4.6).",
    )
    resume_stage_id = fields.Many2one(
        "helpdesk.ticket.stage",
        string="Resume in stage",
        readonly=True,
        copy=False,
        help="The stage the request came from; it goes back there when the wait ends.",
    )
    info_reminder_date = fields.Datetime(
        string="Reminder sent on",
        readonly=True,
        copy=False,
        help="When the customer was reminded of the information asked for.",
    )
    abuse_message_id = fields.Many2one(
        "mail.message",
        string="Offending message",
        readonly=True,
        copy=False,
        help="The customer's message service was stopped for (§5.4).",
    )
    abuse_acknowledged_by = fields.Many2one(
        "res.users",
        string="Abuse stop acknowledged by",
        readonly=True,
        copy=False,
    )
    abuse_pending = fields.Boolean(
        string="Abuse stop to acknowledge",
        compute="_compute_abuse_pending",
    )

    @api.depends("deferral_reason_id.code", "abuse_acknowledged_by")
    def _compute_abuse_pending(self):
        for ticket in self:
            ticket.abuse_pending = (
                ticket.deferral_reason_id.code == "abusive"
                and not ticket.abuse_acknowledged_by
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals and "waiting_for" not in vals:
            # Moved out of the waiting stage by hand: the wait is over.
            self.filtered(
                lambda t: t.waiting_for and t.stage_id != t.team_id._get_waiting_stage()
            )._konus_end_wait()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_request_information(self):
        """§4.5: ask the customer for what the request lacks."""
        self.ensure_one()
        self._konus_check_workable()
        return self._konus_wizard_action(
            "konus.request.information", self.env._("Request information")
        )

    def action_defer(self):
        """§4.6: defer the request or decline it, for a reason of the list."""
        self.ensure_one()
        self._konus_check_workable()
        return self._konus_wizard_action(
            "konus.ticket.deferral", self.env._("Defer or decline")
        )

    def action_involve_third_party(self):
        """§4.7: send a third party what the engineer chooses."""
        self.ensure_one()
        self._konus_check_third_party_allowed()
        return self._konus_wizard_action(
            "konus.third.party", self.env._("Involve a third party")
        )

    def action_acknowledge_abuse(self):
        """§5.4: the head of support has taken note of the abuse stop."""
        if not self.env.user.has_group("konus_helpdesk.group_support_head"):
            raise AccessError(
                self.env._("Only the head of support acknowledges an abuse stop.")
            )
        tickets = self.filtered("abuse_pending")
        tickets.activity_feedback(
            ["konus_helpdesk.mail_activity_type_abuse_stop"],
            feedback=self.env._("Acknowledged"),
        )
        tickets.write({"abuse_acknowledged_by": self.env.user.id})
        for ticket in tickets:
            ticket._message_log(
                body=self.env._(
                    "The head of support %(head)s acknowledged the abuse stop.",
                    head=self.env.user.name,
                )
            )
        return True

    def _konus_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods: waiting and resuming
    # ------------------------------------------------------------------

    def _konus_check_workable(self):
        for ticket in self:
            if ticket.stage_id.closed:
                raise UserError(
                    self.env._(
                        "The request %(ticket)s is closed.", ticket=ticket.display_name
                    )
                )

    def _konus_check_third_party_allowed(self):
        for ticket in self:
            if ticket.contract_id and not ticket.contract_id.third_party_allowed:
                raise UserError(
                    self.env._(
                        "The contract %(contract)s does not allow involving third "
                        "parties (§4.7): the request must be resolved by the "
                        "support service itself.",
                        contract=ticket.contract_id.name,
                    )
                )

    def _konus_wait(self, reason, until=False):
        """Move the requests to their team's waiting stage, where the SLA
        pauses, remembering where they came from."""
        now = fields.Datetime.now()
        for ticket in self:
            stage = ticket.team_id._get_waiting_stage()
            if not stage:
                raise UserError(
                    self.env._(
                        "The team %(team)s has no stage where requests wait for "
                        "the customer with the SLA paused.",
                        team=ticket.team_id.name or self.env._("none"),
                    )
                )
            resume = ticket.resume_stage_id if ticket.stage_id == stage else None
            ticket.write(
                {
                    "stage_id": stage.id,
                    "waiting_for": reason,
                    "waiting_since": now,
                    "waiting_until": until,
                    "resume_stage_id": (resume or ticket.stage_id).id,
                    "info_reminder_date": False,
                }
            )

    def _konus_resume(self):
        """Back to work: the stage the request came from, else the team's
        working stage — the first stage while the request is not identified
        (§5.1)."""
        for ticket in self:
            team = ticket.team_id
            stage = ticket.resume_stage_id
            if not stage or stage.closed or stage == team._get_waiting_stage():
                stage = team._get_progress_stage()
            if (
                ticket.identification_state != "identified"
                and ticket._is_identification_required_for(stage)
            ):
                stage = team._get_applicable_stages()[:1]
            ticket.write({"stage_id": stage.id, "waiting_for": False})
            ticket._konus_end_wait()

    def _konus_end_wait(self):
        self.write(
            {
                "waiting_for": False,
                "waiting_since": False,
                "waiting_until": False,
                "resume_stage_id": False,
                "info_reminder_date": False,
            }
        )

    def _konus_decline(self, reason):
        """§4.6: close the requests unsolved for ``reason``; their SLA does
        not apply."""
        for ticket in self:
            stage = ticket.team_id._get_declined_stage()
            if not stage:
                raise UserError(
                    self.env._(
                        "The team %(team)s has no closing stage for declined "
                        "requests (a closed stage marked “Closed unsolved”).",
                        team=ticket.team_id.name or self.env._("none"),
                    )
                )
            ticket.write(
                {
                    "stage_id": stage.id,
                    "deferral_reason_id": reason.id,
                    "waiting_for": False,
                }
            )
            ticket._konus_end_wait()

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if self.waiting_for == "information" and self._is_customer_answer(message):
            # §4.5: the customer answered; the workflow moves the request,
            # whatever the author may write.
            self.sudo()._konus_resume()
        return result

    def _is_customer_answer(self, message):
        self.ensure_one()
        return bool(
            message.message_type in ("email", "comment")
            and message.subtype_id
            and not message.subtype_id.internal
            and not self._is_engineer_partner(message.author_id)
            and self._is_from_customer(
                message.author_id, email_normalize(message.email_from or "")
            )
        )

    # ------------------------------------------------------------------
    # Business methods: mails to the customer
    # ------------------------------------------------------------------

    def _konus_post_to_customer(self, template_xmlid, values=None, **kwargs):
        """Post on the request, as a public message to the customer alone
        (never to the other followers), the template rendered in the
        customer's language; ``values`` are given to the template."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "The request %(ticket)s has no customer to write to.",
                    ticket=self.display_name,
                )
            )
        template = self.env.ref(template_xmlid)
        lang = template._render_lang(self.ids)[self.id]
        template = template.with_context(lang=lang)
        subject = template._render_field("subject", self.ids, add_context=values)
        body = template._render_field("body_html", self.ids, add_context=values)
        return self.message_post(
            body=body[self.id],
            subject=subject[self.id],
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            notify_skip_followers=True,
            force_email_lang=lang,
            **kwargs,
        )

    def _konus_notify_abuse(self):
        """§5.4: tell the head of support at once, in their language: an
        activity to acknowledge and a mail."""
        for ticket in self:
            quote = ticket.abuse_message_id.body or ""
            ticket._message_log(
                body=Markup("<p>%s</p><blockquote>%s</blockquote>")
                % (
                    self.env._(
                        "Service stopped for obscene or offensive wording (§5.4); "
                        "the offending message:"
                    ),
                    quote,
                )
            )
            heads = self.env["res.users"]._konus_support_heads(ticket.company_id)
            for head in heads:
                env = ticket.with_context(lang=head.lang).env
                subject = env._(
                    "Service stopped for abusive language: %(ticket)s",
                    ticket=ticket.display_name,
                )
                note = env._(
                    "%(engineer)s stopped service on the request %(ticket)s of "
                    "%(customer)s for obscene or offensive wording (§5.4).",
                    engineer=self.env.user.name,
                    ticket=ticket.display_name,
                    customer=ticket.partner_id.display_name or "",
                )
                # The mail below says it all: no second "assigned to you".
                ticket.with_context(mail_activity_quick_update=True).activity_schedule(
                    "konus_helpdesk.mail_activity_type_abuse_stop",
                    summary=subject,
                    note=note,
                    user_id=head.id,
                )
                ticket.message_notify(
                    subject=subject,
                    body=Markup("<p>%s</p><blockquote>%s</blockquote>") % (note, quote),
                    partner_ids=head.partner_id.ids,
                    force_email_lang=head.lang,
                )

    # ------------------------------------------------------------------
    # Entitlement (§5.3)
    # ------------------------------------------------------------------

    def _konus_entitlement_fails(self):
        """Whether the request falls outside what a valid contract grants:
        no active contract, the product or the kind of support not covered
        (§2.2, §5.3)."""
        self.ensure_one()
        contract = self.contract_id
        return bool(
            not contract
            or contract.state != "active"
            or (
                self.supported_product_id
                and self.supported_product_id not in contract.product_ids
            )
            or (
                self.support_type_id
                and self.support_type_id not in contract.support_type_ids
            )
        )
