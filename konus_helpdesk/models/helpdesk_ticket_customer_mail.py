# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import email_normalize

# Per transaction (the cursor's precommit data, cleared at each commit): the
# stage each request had at its start, and the requests whose customer has
# been told of their closure.
INITIAL_STAGES = "konus_helpdesk.initial_stages"
CLOSING_TOLD = "konus_helpdesk.closing_told"


class HelpdeskTicket(models.Model):
    """The mails a customer receives from a team that writes to its customers
    itself (``helpdesk.ticket.team``: ``acknowledgement_template_id``,
    ``reregistration_template_id``, ``closing_template_id``): the
    acknowledgement of a new or re-registered request and the closing mail.
    They replace, for that team, the mail helpdesk_mgmt sends from the stage
    reached (whose closing mail greets the customer with the engineer's
    name); other teams keep helpdesk_mgmt's stage mails.

    Each mail is written for the customer (their name, the request number and
    subject, what happens next, the support contacts of §4.1, the §5.5 way to
    object), rendered in the customer's language, and posted on the request
    as an automatic message to the customer alone — never to the engineers
    and colleagues following it — after the customer's own mail in the
    thread. Like helpdesk_mgmt's stage mails they go out with the tracking of
    the stage (when Odoo flushes it); a request created from a mail is
    acknowledged in answer to that mail, once the gateway has posted it and
    the §4.4 auto-reply is decided."""

    _inherit = "helpdesk.ticket"

    # Plain fields for the templates (see mail_allowed_qweb_expressions): the
    # mails need no code and stay editable by any template editor.
    support_phone = fields.Char(
        string="Support phone line",
        compute="_compute_support_contacts",
        compute_sudo=True,
    )
    support_email = fields.Char(
        string="Support e-mail",
        compute="_compute_support_contacts",
        compute_sudo=True,
    )
    support_head_email = fields.Char(
        string="Head of support's address",
        compute="_compute_support_contacts",
        compute_sudo=True,
    )

    decline_reason_text = fields.Text(
        string="Decline reason, as the customer reads it",
        compute="_compute_decline_reason_text",
        help="The reason of §4.6 the request was declined for, its clause and "
        "the reason's wording for the customer, in the reader's language; "
        "empty when it was closed unsolved without such a reason.",
    )

    @api.depends(
        "deferral_reason_id.name",
        "deferral_reason_id.clause",
        "deferral_reason_id.customer_message",
    )
    @api.depends_context("lang")
    def _compute_decline_reason_text(self):
        for ticket in self:
            reason = ticket.deferral_reason_id
            if not reason:
                ticket.decline_reason_text = False
                continue
            ticket.decline_reason_text = " ".join(
                filter(
                    None,
                    (
                        self.env._(
                            "Reason: %(reason)s (clause %(clause)s of the "
                            "support regulation).",
                            reason=reason.name,
                            clause=reason.clause,
                        ),
                        reason.customer_message,
                    ),
                )
            )

    @api.depends(
        "company_id.konus_support_phone",
        "company_id.konus_support_head_email",
        "company_id.phone",
        "company_id.email",
        "team_id.alias_name",
    )
    def _compute_support_contacts(self):
        for ticket in self:
            company = ticket.company_id
            ticket.support_phone = company.konus_support_phone or company.phone
            ticket.support_email = ticket.team_id.alias_email or company.email
            ticket.support_head_email = (
                company.konus_support_head_email or company.email
            )

    def mail_allowed_qweb_expressions(self):
        return super().mail_allowed_qweb_expressions() + (
            "object.origin_ticket_id.number",
            "object.stage_id.name",
            "object.team_id.name",
            "object.support_phone",
            "object.support_email",
            "object.support_head_email",
            "object.decline_reason_text",
            "object.customer_note",
        )

    # ------------------------------------------------------------------
    # Tracking: which mail a stage change sends
    # ------------------------------------------------------------------

    def _track_post_template_finalize(self):
        # The tracking of a request's creation: the mail is the acknowledgement.
        return super(
            HelpdeskTicket, self.with_context(konus_new_request=True)
        )._track_post_template_finalize()

    def _message_track(self, fields_iter, initial_values_dict):
        # Remember the stage each request had at the start of the transaction:
        # only a request that was open is closed (see _konus_is_closing).
        initial = self.env.cr.precommit.data.setdefault(INITIAL_STAGES, {})
        for ticket_id, values in initial_values_dict.items():
            if values and "stage_id" in values:
                initial[ticket_id] = values["stage_id"]
        return super()._message_track(fields_iter, initial_values_dict)

    def _track_template(self, changes):
        res = super()._track_template(changes)
        if "stage_id" in changes and (
            self[:1]._get_customer_stage_template()
            or self[:1]._konus_customer_told()
            or (self[:1].stage_id.closed and not self[:1]._konus_is_closing())
        ):
            # Our own mail, one already sent (a decline), or a closed request
            # moved to another closed stage: no stage mail of helpdesk_mgmt.
            res.pop("stage_id", None)
        return res

    def _message_track_post_template(self, changes):
        result = super()._message_track_post_template(changes)
        if len(self) == 1 and changes and "stage_id" in changes:
            if self.stage_id.closed:
                if self._konus_is_closing() and not self._konus_customer_told():
                    self._konus_send_closing_mail()
            else:
                template = self._get_customer_stage_template()
                if template:
                    self._send_customer_mail(template)
        return result

    def _get_customer_stage_template(self):
        """The team's own mail for the stage the request has just reached:
        the closing mail on a closed stage (see
        :meth:`_get_customer_closing_template`), else the acknowledgement
        when the request is new (the re-registration mail when it registers a
        closed request again, §5.5); none when the team leaves it to the
        stage."""
        self.ensure_one()
        if self.stage_id.closed:
            return self._get_customer_closing_template()
        if self.env.context.get("konus_new_request"):
            if self.origin_ticket_id and self.team_id.reregistration_template_id:
                return self.team_id.reregistration_template_id
            return self.team_id.acknowledgement_template_id
        return self.env["mail.template"]

    def _get_customer_closing_template(self, declined_for_reason=False):
        """Which closing mail the customer gets — the one place that decides
        it. A request closed unsolved (a declining stage: declined by the
        support service or cancelled) gets the decline mail: the result, the
        §4.6 reason and its clause, what to do if the customer disagrees
        (§5.5); a solved request gets the closing mail. The team chooses
        both; ``declined_for_reason`` (the engineer declined it for a reason
        of §4.6, which the customer must be told) falls back on the shipped
        decline mail when the team has none of its own."""
        self.ensure_one()
        team = self.team_id
        if self.stage_id.declined:
            template = team.decline_template_id
            if not template and declined_for_reason:
                template = self.env.ref(
                    "konus_helpdesk.mail_template_customer_declined",
                    raise_if_not_found=False,
                )
            if template:
                return template
        return team.closing_template_id

    def _konus_is_closing(self):
        """Whether the request was open at the start of the transaction (or
        is being created): moving a closed request from one closed stage to
        another closes nothing, so it tells the customer nothing."""
        self.ensure_one()
        initial = self.env.cr.precommit.data.get(INITIAL_STAGES, {})
        if self.id not in initial:
            return True
        return not initial[self.id].closed

    def _konus_customer_told(self):
        self.ensure_one()
        return self.id in self.env.cr.precommit.data.get(CLOSING_TOLD, ())

    def _konus_send_closing_mail(self, declined_for_reason=False):
        """Tell the customer the request is closed, once per closure: the
        stage's tracking does not send another mail in the same transaction
        (not ours, not helpdesk_mgmt's)."""
        self.ensure_one()
        self.env.cr.precommit.data.setdefault(CLOSING_TOLD, set()).add(self.id)
        template = self._get_customer_closing_template(
            declined_for_reason=declined_for_reason
        )
        if not template:
            return self.env["mail.message"]
        return self._send_customer_mail(template)

    # ------------------------------------------------------------------
    # Mail gateway: the acknowledgement answers the customer's mail
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg, custom_values=None):
        # The request is created before the gateway posts the customer's mail
        # on it: its acknowledgement waits for that mail (and for the §4.4
        # auto-reply, which acknowledges an unidentified request itself).
        ticket = super(
            HelpdeskTicket, self.with_context(konus_acknowledge_mail_later=True)
        ).message_new(msg, custom_values=custom_values)
        return ticket.with_context(
            konus_acknowledge_mail_later=False, konus_acknowledge_mail=True
        )

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if self.env.context.get("konus_acknowledge_mail") and (
            message.message_type == "email"
        ):
            ticket = self.with_context(
                konus_acknowledge_mail=False, konus_new_request=True
            )
            template = ticket._get_customer_stage_template()
            if template:
                ticket._send_customer_mail(template, incoming=message)
        return result

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _send_customer_mail(self, template, incoming=None):
        """Post ``template`` on the request for its customer alone, in their
        language, as a reply to ``incoming`` (the customer's mail) if given;
        return the message, or nothing when the customer is not to be
        written to (see :meth:`_may_write_to_customer`)."""
        self.ensure_one()
        if not self._may_write_to_customer():
            return self.env["mail.message"]
        rendered = template._generate_template(self.ids, ("subject", "body_html"))[
            self.id
        ]
        lang = template._render_lang(self.ids)[self.id]
        reply_to = self._notify_get_reply_to()[self.id]
        customer = self.partner_id
        return self.with_context(lang=lang).message_post(
            author_id=self.company_id.partner_id.id,
            email_from=reply_to or self.company_id.partner_id.email_formatted,
            subject=rendered["subject"],
            body=rendered["body_html"],
            partner_ids=customer.ids,
            outgoing_email_to=False if customer else self.partner_email,
            message_type="auto_comment",
            subtype_xmlid="mail.mt_comment",
            # To the customer alone: not to the engineers following the
            # request, nor to the colleagues the customer put in copy.
            notify_skip_followers=True,
            # The customer may be the one acting (a request filed in the
            # portal): Odoo would take them for the author and skip them.
            notify_author=True,
            email_layout_xmlid="konus_helpdesk.mail_notification_customer",
            # A reply follows the customer's mail in their mail program.
            parent_id=incoming.id if incoming else False,
            mail_headers={
                # RFC 3834: automatic, not to be answered by another robot.
                "Auto-Submitted": "auto-replied" if incoming else "auto-generated",
                "X-Auto-Response-Suppress": "All",
            },
        )

    def _may_write_to_customer(self):
        """Whether the automatic mails go to this request's customer: someone
        with an address, outside the support service, who did not just act
        themselves (closing from the portal); never while modules load their
        data, never in answer to a robot, and not twice on a new request (the
        §4.4 auto-reply already acknowledged it)."""
        self.ensure_one()
        context = self.env.context
        if context.get("install_mode"):
            return False
        address = (
            self.partner_id.email_normalized
            if self.partner_id
            else email_normalize(self.partner_email or "")
        )
        if not address or self._is_engineer_partner(self.partner_id):
            return False
        if context.get("konus_new_request"):
            return not (
                context.get("konus_acknowledge_mail_later")
                or context.get("konus_auto_submitted")
                or self.identification_request_sent
            )
        return not self.env.user.share

    # ------------------------------------------------------------------
    # Notification layout
    # ------------------------------------------------------------------

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=False):
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        # The customer's button names the request, in the mail's language.
        title = self.env._("Open request %(number)s", number=self[:1].number or "")
        for name, _matcher, data in groups:
            if self and name in ("portal_customer", "portal"):
                data.setdefault("button_access", {})["title"] = title
        return groups
