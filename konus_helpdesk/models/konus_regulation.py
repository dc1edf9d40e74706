# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

# Queued mails created per INSERT batch: bounded memory, few queries.
NOTIFICATION_BATCH_SIZE = 500


class KonusRegulation(models.Model):
    """A version of the technical-support regulation («Регламент»). Konus may
    change the regulation unilaterally and informs its customers (§2.3):
    publishing a version makes it the current one, shown in the portal, the
    previous one is archived, and the contacts of every customer with an
    active contract are notified by mail."""

    _name = "konus.regulation"
    _description = "Technical support regulation version"
    _inherit = ("mail.thread",)
    _order = "date_effective desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Version", required=True, tracking=True)
    date_effective = fields.Date(
        string="Effective from",
        tracking=True,
        default=fields.Date.context_today,
        help="The day this version takes effect, as approved. Needed to "
        "publish a version; empty on the regulation shipped with the module, "
        "whose text carries no date: the head of support enters it.",
    )
    body = fields.Html(string="Text", sanitize_style=True)
    pdf_file = fields.Binary(string="PDF", attachment=True)
    pdf_filename = fields.Char(string="PDF file name")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Only one version is published (the current one) per company; "
        "publishing a version archives the previous one.",
    )
    date_published = fields.Datetime(string="Published on", readonly=True, copy=False)
    notified_count = fields.Integer(
        string="Contacts notified",
        readonly=True,
        copy=False,
        help="Customer contacts mailed when this version was published.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_publish(self):
        """Make this version the current one (§2.3): the previous published
        version is archived and the customers' contacts are notified."""
        for regulation in self:
            if regulation.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft version can be published; %(version)s "
                        "is already published or archived.",
                        version=regulation.name,
                    )
                )
            if not regulation.date_effective:
                raise UserError(
                    self.env._(
                        "Enter the day the version %(version)s takes effect "
                        "before publishing it.",
                        version=regulation.name,
                    )
                )
            previous = self.search(
                [
                    ("company_id", "=", regulation.company_id.id),
                    ("state", "=", "published"),
                ]
            )
            previous.state = "archived"
            regulation.write(
                {"state": "published", "date_published": fields.Datetime.now()}
            )
            regulation._notify_customers()
        return True

    def action_back_to_draft(self):
        self.filtered(lambda r: r.state == "archived").state = "draft"

    # ------------------------------------------------------------------
    # Notification
    # ------------------------------------------------------------------

    def _get_notified_partners(self):
        """The contacts to tell about this version: the authorised contacts
        of each active contract of the company, or, for a contract without
        any, the customer organisation's people with an e-mail address."""
        self.ensure_one()
        contracts = (
            self.env["konus.support.contract"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("state", "=", "active")])
        )
        partners = contracts.contact_ids
        without_contacts = contracts.filtered(lambda c: not c.contact_ids).partner_id
        if without_contacts:
            partners |= (
                self.env["res.partner"]
                .sudo()
                .search(
                    Domain("commercial_partner_id", "in", without_contacts.ids)
                    & Domain("email", "!=", False)
                )
            )
        return partners.filtered("email")

    def _notify_customers(self):
        """Queue one mail per contact, in the contact's language: the
        template is rendered once per language and the mails are created in
        batches (the mail queue sends them), so the number of queries does
        not grow with the number of contacts."""
        self.ensure_one()
        template = self.env.ref(
            "konus_helpdesk.mail_template_regulation_published",
            raise_if_not_found=False,
        )
        partners = self._get_notified_partners()
        if not template or not partners:
            return
        default_lang = self.company_id.partner_id.lang or self.env.lang or "en_US"
        by_lang = partners.grouped(lambda p: p.lang or default_lang)
        email_from = self.company_id.email_formatted or self.env.user.email_formatted
        vals_list = []
        for lang, lang_partners in by_lang.items():
            template_lang = template.sudo().with_context(lang=lang)
            subject = template_lang._render_field("subject", self.ids, set_lang=lang)[
                self.id
            ]
            body = template_lang._render_field("body_html", self.ids, set_lang=lang)[
                self.id
            ]
            vals_list += [
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": email_from,
                    # Given once: computed, it costs a query per mail.
                    "reply_to": email_from,
                    "recipient_ids": [Command.link(partner.id)],
                    "model": self._name,
                    "res_id": self.id,
                    "auto_delete": True,
                    "message_type": "email_outgoing",
                }
                for partner in lang_partners
            ]
        Mail = self.env["mail.mail"].sudo()
        for start in range(0, len(vals_list), NOTIFICATION_BATCH_SIZE):
            Mail.create(vals_list[start : start + NOTIFICATION_BATCH_SIZE])
        self.notified_count = len(vals_list)
        self._message_log(
            body=self.env._(
                "Published; %(count)s customer contacts will be notified.",
                count=len(vals_list),
            )
        )
