# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

# The §4.4 items a re-registration carries over from the closed request.
REREGISTRATION_COPIED_FIELDS = (
    "name",
    "description",
    "partner_id",
    "partner_name",
    "partner_email",
    "team_id",
    "company_id",
    "category_id",
    "channel_id",
    "contract_id",
    "supported_product_id",
    "support_type_id",
    "incident_class",
    "steps_to_reproduce",
    "doc_reference",
)


class HelpdeskTicket(models.Model):
    """Premature closure (§5.5): when a request that follows the regulation
    was closed without being resolved, the customer registers it again. The
    new request («повторная регистрация») points to the closed one, carries
    its identification, gets its own SLA, and is counted against the
    specialist who closed the first one."""

    _inherit = "helpdesk.ticket"

    origin_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Re-registration of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The closed request this one registers again (§5.5).",
    )
    origin_user_id = fields.Many2one(
        "res.users",
        string="Closed prematurely by",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The specialist assigned to the closed request when it was "
        "registered again: re-registrations are counted per specialist.",
    )
    reregistration_ids = fields.One2many(
        "helpdesk.ticket", "origin_ticket_id", string="Re-registered requests"
    )
    reregistration_count = fields.Integer(
        string="Re-registrations",
        compute="_compute_reregistration_count",
        store=True,
        help="How many times the customer registered this request again after "
        "it was closed (§5.5).",
    )

    @api.depends("reregistration_ids")
    def _compute_reregistration_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("origin_ticket_id", "in", self.ids)],
                ["origin_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.reregistration_count = counts.get(ticket, 0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_reregistrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("origin_ticket_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _reregister(self, partner, comment=""):
        """Register this closed request again for ``partner`` (§5.5) and
        return the new request. A request already registered again and still
        open is returned instead of a second one."""
        self.ensure_one()
        if not self.closed:
            raise UserError(
                self.env._(
                    "Only a closed request can be registered again; %(ticket)s "
                    "is still open.",
                    ticket=self.number,
                )
            )
        pending = self.reregistration_ids.filtered(lambda t: not t.closed)[:1]
        if pending:
            return pending
        values = self._reregistration_values(partner, comment)
        new = self.create(values)
        new.message_subscribe(partner_ids=partner.ids)
        self._log_reregistration(new)
        return new

    def _reregistration_values(self, partner, comment):
        values = self._convert_to_write(
            {name: self[name] for name in REREGISTRATION_COPIED_FIELDS}
        )
        contract = self.contract_id
        if contract and contract.state != "active":
            # Support only under a valid contract (§2.2): the engineer
            # identifies the request again.
            values.update(
                contract_id=False, support_type_id=False, supported_product_id=False
            )
        if comment:
            values["description"] = Markup(
                "<p>%s</p><p>%s</p>%s"
            ) % (
                self.env._("Registered again by the customer:"),
                comment,
                values.get("description") or "",
            )
        values.update(
            {
                "partner_id": partner.id,
                "origin_ticket_id": self.id,
                "origin_user_id": self.user_id.id,
                "user_id": False,
            }
        )
        return values

    def _log_reregistration(self, new):
        """The history linked both ways, and the specialist who closed the
        request informed."""
        self._message_log(
            body=Markup(self.env._("Registered again by the customer as %s"))
            % new._get_html_link(title=new.number)
        )
        new._message_log(
            body=Markup(self.env._("Re-registration of the closed request %s"))
            % self._get_html_link(title=self.number)
        )
        specialist = self.user_id
        if specialist and specialist.active and not specialist.share:
            env = self.with_context(lang=specialist.lang).env
            new.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=specialist.id,
                summary=env._("Your request %(ticket)s was registered again",
                              ticket=self.number),
                note=env._(
                    "The customer registered the request %(origin)s again as "
                    "%(ticket)s after it was closed (§5.5).",
                    origin=self.number,
                    ticket=new.number,
                ),
            )
