# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class KonusThirdParty(models.TransientModel):
    """§4.7 «СТП имеет право привлекать третьих лиц»: the engineer involves a
    third party (a vendor, a subcontractor) where the contract does not
    forbid it, and sends them what they choose — never the whole request,
    never access to the portal."""

    _name = "konus.third.party"
    _description = "Involve a third party (§4.7)"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Third party", required=True)
    subject = fields.Char(compute="_compute_subject", store=True, readonly=False)
    body = fields.Html(string="Message", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "konus_third_party_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Attachments of the request",
        domain="[('res_model', '=', 'helpdesk.ticket'), ('res_id', '=', ticket_id)]",
    )

    @api.depends("ticket_id")
    def _compute_subject(self):
        for wizard in self:
            wizard.subject = wizard.ticket_id.display_name

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        ticket._konus_check_third_party_allowed()
        partner = self.partner_id
        if not partner.email:
            raise UserError(
                self.env._(
                    "%(partner)s has no e-mail address.", partner=partner.display_name
                )
            )
        foreign = self.attachment_ids.filtered(
            lambda a: a.res_model != ticket._name or a.res_id != ticket.id
        )
        if foreign:
            raise UserError(self.env._("Only the request's own files can be sent."))
        ticket.third_party_partner_id = partner
        author = self.env.user.partner_id
        # A plain mail to the third party alone: no follower, no portal
        # access, no link to the request.
        self.env["mail.mail"].sudo().create(
            {
                "subject": self.subject,
                "body_html": self.body,
                "email_from": author.email_formatted,
                "reply_to": author.email_formatted,
                "author_id": author.id,
                "recipient_ids": [fields.Command.link(partner.id)],
                "attachment_ids": [fields.Command.set(self.attachment_ids.ids)],
                "auto_delete": False,
            }
        )
        files = ", ".join(self.attachment_ids.mapped("name")) or self.env._("none")
        ticket._message_log(
            body=Markup("<p>%s</p>%s")
            % (
                self.env._(
                    "Third party %(partner)s involved (§4.7); sent “%(subject)s”, "
                    "files: %(files)s.",
                    partner=partner.display_name,
                    subject=self.subject,
                    files=files,
                ),
                self.body,
            )
        )
        return {"type": "ir.actions.act_window_close"}
