# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import email_normalize


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
        )

    # ------------------------------------------------------------------
    # Tracking: which mail a stage change sends
    # ------------------------------------------------------------------

    def _track_post_template_finalize(self):
        # The tracking of a request's creation: the mail is the acknowledgement.
        return super(
            HelpdeskTicket, self.with_context(konus_new_request=True)
        )._track_post_template_finalize()

    def _track_template(self, changes):
        res = super()._track_template(changes)
        if "stage_id" in changes and self[:1]._get_customer_stage_template():
            res.pop("stage_id", None)
        return res

    def _message_track_post_template(self, changes):
        result = super()._message_track_post_template(changes)
        if len(self) == 1 and changes and "stage_id" in changes:
            template = self._get_customer_stage_template()
            if template:
                self._send_customer_mail(template)
        return result

    def _get_customer_stage_template(self):
        """The team's own mail for the stage the request has just reached:
        the closing mail on a closed stage, else the acknowledgement when the
        request is new (the re-registration mail when it registers a closed
        request again, §5.5); none when the team leaves it to the stage."""
        self.ensure_one()
        if self.stage_id.closed:
            return self.team_id.closing_template_id
        if self.env.context.get("konus_new_request"):
            if self.origin_ticket_id and self.team_id.reregistration_template_id:
                return self.team_id.reregistration_template_id
            return self.team_id.acknowledgement_template_id
        return self.env["mail.template"]

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
