# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

from ..tools import identification
from .helpdesk_ticket_sla import ULAN_UDE_TZ


class HelpdeskTicket(models.Model):
    """A request for technical support (§1 «Обращение»), extended with what
    the regulation needs to process it: the contract or certificate it falls
    under (§2.2), the supported product, the kind of support asked for (§5.2),
    the incident class (§1), the steps to reproduce and the documentation
    consulted (§4.3, §4.4), a third party involved (§4.7), and the §4.4
    checklist that decides whether the request may be processed (§5.1)."""

    _inherit = "helpdesk.ticket"

    contract_id = fields.Many2one(
        "konus.support.contract",
        string="Contract / certificate",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('partner_id', '=', commercial_partner_id)]",
        help="The support contract or certificate the request falls under "
        "(§2.2). Choosing the customer proposes its only active contract.",
    )
    contract_state = fields.Selection(related="contract_id.state")
    contract_product_ids = fields.Many2many(related="contract_id.product_ids")
    contract_support_type_ids = fields.Many2many(related="contract_id.support_type_ids")
    supported_product_id = fields.Many2one(
        "konus.supported.product",
        string="Supported product",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="contract_id and [('id', 'in', contract_product_ids)] "
        "or [('partner_id', '=', commercial_partner_id)]",
        help="The product or project the problem concerns (§4.4).",
    )
    support_type_id = fields.Many2one(
        "konus.support.type",
        string="Kind of support",
        tracking=True,
        domain="contract_id and [('id', 'in', contract_support_type_ids)] or []",
        help="The kind of support asked for (§5.2); it must be granted by the "
        "contract (§5.3).",
    )
    incident_class = fields.Selection(
        [
            ("critical", "Critical incident"),
            ("non_critical", "Non-critical incident"),
            ("consultation", "Consultation"),
        ],
        default="non_critical",
        tracking=True,
        help="Critical incident: makes the supported product inoperable or "
        "substantially degrades it, stopping the customer's key business "
        "processes (§1).\n"
        "Non-critical incident: any other incident, without substantial "
        "negative effect on the operability and functions of the product (§1).\n"
        "Consultation: a question that is no incident (§5.2).\n"
        "The class selects the SLA targets (§3.1).",
    )
    steps_to_reproduce = fields.Text(
        help="The sequence of actions that leads to the problem (§4.4)."
    )
    doc_reference = fields.Char(
        string="Documentation reference",
        help="The user guide or operating manual section the customer "
        "consulted before writing (§4.3).",
    )
    third_party_partner_id = fields.Many2one(
        "res.partner",
        string="Third party",
        tracking=True,
        help="A third party involved to resolve the request (§4.7); only where "
        "the contract allows it.",
    )
    third_party_allowed = fields.Boolean(related="contract_id.third_party_allowed")
    identification_state = fields.Selection(
        [
            ("identified", "Identified"),
            ("incomplete", "Incomplete"),
            ("unidentified", "Unidentified"),
        ],
        compute="_compute_identification",
        store=True,
        index=True,
        help="Identified: every item of §4.4 is given and the request may be "
        "processed (§5.1). Incomplete: the customer is known but an item is "
        "missing. Unidentified: neither the contract nor the organisation is "
        "known (§1, §4.2).",
    )
    # Not stored: the list is read in the reader's language (an engineer, or
    # the customer in the auto-reply), whoever last changed the ticket.
    missing_info = fields.Text(
        string="Missing information",
        compute="_compute_missing_info",
        help="The §4.4 items the request still lacks.",
    )

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_contract_id(self):
        entities = self.commercial_partner_id
        active_by_entity = {}
        if entities:
            for entity, contracts in self.env["konus.support.contract"]._read_group(
                [("partner_id", "in", entities.ids), ("state", "=", "active")],
                ["partner_id"],
                ["id:recordset"],
            ):
                active_by_entity[entity] = contracts
        for ticket in self:
            entity = ticket.partner_id.commercial_partner_id
            if ticket.contract_id and ticket.contract_id.partner_id == entity:
                continue
            candidates = active_by_entity.get(entity)
            # Proposed only when there is no doubt which contract it is.
            ticket.contract_id = (
                candidates if candidates and len(candidates) == 1 else False
            )

    @api.depends(
        "contract_id",
        "partner_id",
        "partner_id.commercial_partner_id",
        "partner_id.is_company",
        "partner_id.email",
        "partner_id.phone",
        "partner_email",
        "supported_product_id",
        "steps_to_reproduce",
        "incident_class",
        "description",
        "attachment_ids",
        "attachment_ids.mimetype",
    )
    def _compute_identification(self):
        for ticket in self:
            checklist = identification.check(**ticket._identification_facts())
            ticket.identification_state = checklist.state

    @api.depends(
        "contract_id",
        "partner_id",
        "partner_id.commercial_partner_id",
        "partner_id.is_company",
        "partner_id.email",
        "partner_id.phone",
        "partner_email",
        "supported_product_id",
        "steps_to_reproduce",
        "incident_class",
        "description",
        "attachment_ids",
        "attachment_ids.mimetype",
    )
    def _compute_missing_info(self):
        for ticket in self:
            checklist = identification.check(**ticket._identification_facts())
            ticket.missing_info = ticket._format_missing_info(checklist)

    def _identification_facts(self):
        """What the ticket carries of the §4.4 items, as truth values."""
        self.ensure_one()
        entity = self.partner_id.commercial_partner_id
        person = self.partner_id if not self.partner_id.is_company else False
        return {
            "contract": bool(self.contract_id),
            # An organisation and the person writing for it, reachable (§4.4).
            "organisation": bool(
                entity
                and person
                and (entity.is_company or self.contract_id)
                and (person.email or person.phone or self.partner_email)
            ),
            "product": bool(self.supported_product_id),
            "steps": bool((self.steps_to_reproduce or "").strip()),
            "steps_required": self.incident_class != "consultation",
            "question": identification.is_clear_question(
                html2plaintext(self.description or "")
            ),
            "screenshot": any(
                (a.mimetype or "").startswith("image/") for a in self.attachment_ids
            ),
        }

    def _identification_labels(self):
        return {
            identification.CONTRACT: self.env._(
                "support contract or certificate number"
            ),
            identification.ORGANISATION: self.env._(
                "organisation name and contact details of the person writing"
            ),
            identification.PRODUCT: self.env._("product or project concerned"),
            identification.STEPS: self.env._("steps that lead to the problem"),
            identification.SCREENSHOT: self.env._(
                "screenshot of the error (if possible)"
            ),
            identification.QUESTION: self.env._("a clearly worded question"),
        }

    def _format_missing_info(self, checklist, with_suggestions=True):
        labels = self._identification_labels()
        items = checklist.missing
        if with_suggestions:
            items += checklist.suggested
        return "\n".join(f"- {labels[item]}" for item in items)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("contract_id", "partner_id")
    def _check_contract_customer(self):
        for ticket in self.filtered("contract_id"):
            contract = ticket.contract_id
            if contract.partner_id != ticket.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s belongs to %(owner)s, not to "
                        "the customer of this request (%(customer)s).",
                        contract=contract.name,
                        owner=contract.partner_id.name,
                        customer=ticket.commercial_partner_id.name
                        or self.env._("none"),
                    )
                )

    @api.constrains("contract_id")
    def _check_contract_valid(self):
        # Only when the contract is chosen: tickets keep the contract they were
        # filed under after it expires.
        for ticket in self.filtered("contract_id"):
            contract = ticket.contract_id
            if contract.state == "active":
                continue
            if contract.state == "expired":
                message = self.env._(
                    "The contract %(contract)s expired on %(date)s: support is "
                    "provided only under a valid contract or certificate (§2.2).",
                    contract=contract.name,
                    date=contract.date_end,
                )
            elif contract.state == "draft":
                message = self.env._(
                    "The contract %(contract)s is valid only from %(date)s.",
                    contract=contract.name,
                    date=contract.date_start,
                )
            else:
                message = self.env._(
                    "The contract %(contract)s has been cancelled.",
                    contract=contract.name,
                )
            raise ValidationError(message)

    @api.constrains("contract_id", "partner_id", "supported_product_id")
    def _check_supported_product(self):
        for ticket in self.filtered("supported_product_id"):
            product = ticket.supported_product_id
            if ticket.contract_id and product not in ticket.contract_id.product_ids:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s is not covered by the contract "
                        "%(contract)s.",
                        product=product.name,
                        contract=ticket.contract_id.name,
                    )
                )
            if product.partner_id != ticket.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s belongs to %(owner)s, not to "
                        "the customer of this request.",
                        product=product.name,
                        owner=product.partner_id.name,
                    )
                )

    @api.constrains("contract_id", "support_type_id")
    def _check_support_type(self):
        for ticket in self.filtered(lambda t: t.contract_id and t.support_type_id):
            if ticket.support_type_id not in ticket.contract_id.support_type_ids:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s does not grant "
                        "“%(support_type)s” (§5.3).",
                        contract=ticket.contract_id.name,
                        support_type=ticket.support_type_id.name,
                    )
                )

    @api.constrains("contract_id", "third_party_partner_id")
    def _check_third_party(self):
        for ticket in self.filtered(
            lambda t: t.third_party_partner_id and t.contract_id
        ):
            if not ticket.contract_id.third_party_allowed:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s does not allow involving "
                        "third parties (§4.7).",
                        contract=ticket.contract_id.name,
                    )
                )

    @api.constrains("stage_id")
    def _check_identified_before_processing(self):
        """§5.1: only requests carrying the identifying information are
        processed, so an unidentified ticket stays in its team's first stage."""
        for ticket in self:
            if ticket.identification_state == "identified":
                continue
            if not ticket._is_identification_required_for(ticket.stage_id):
                continue
            raise ValidationError(
                self.env._(
                    "The request %(ticket)s cannot move to “%(stage)s” before it "
                    "is identified (§5.1). Missing:\n%(missing)s",
                    ticket=ticket.display_name,
                    stage=ticket.stage_id.name,
                    missing=ticket._format_missing_info(
                        identification.check(**ticket._identification_facts()),
                        with_suggestions=False,
                    ),
                )
            )

    def _is_identification_required_for(self, stage):
        """Whether entering ``stage`` means processing the request.

        The first stage of the team is where requests wait for identification;
        a customer may still withdraw their own request from the portal.
        """
        self.ensure_one()
        if not self.team_id.identification_required:
            return False
        if not stage or stage == self.team_id._get_applicable_stages()[:1]:
            return False
        return not (self.env.user.share and stage.close_from_portal)

    # ==================================================================
    # SLA (§3.1, §4.5) — issue 5
    # ==================================================================

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
    sla_deadline_ulan_ude = fields.Char(
        string="SLA deadline (Ulan-Ude)",
        compute="_compute_sla_deadline_ulan_ude",
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
        for ticket in self:
            running = ticket.ticket_sla_ids.filtered(
                lambda r: r.state in ("in_progress", "on_hold")
            )
            ticket.sla_remaining_hours = min(
                running.mapped("remaining_hours"), default=0.0
            )

    @api.depends("sla_deadline")
    def _compute_sla_deadline_ulan_ude(self):
        tz = pytz.timezone(ULAN_UDE_TZ)
        for ticket in self:
            ticket.sla_deadline_ulan_ude = ticket.sla_deadline and pytz.utc.localize(
                ticket.sla_deadline
            ).astimezone(tz).strftime("%d.%m.%Y %H:%M")

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

    def _message_post_after_hook(self, message, msg_vals):
        """§3.1 first response: the first public reply of an engineer."""
        result = super()._message_post_after_hook(message, msg_vals)
        if (
            not self.first_response_date
            and message.message_type in ("comment", "email")
            and message.subtype_id
            and not message.subtype_id.internal
            and self._is_engineer_partner(message.author_id)
        ):
            self.sudo().write({"first_response_date": message.date})
        return result

    def _is_engineer_partner(self, partner):
        users = partner.sudo().user_ids
        return bool(
            users
            and partner != self.env.ref("base.partner_root")
            and not all(user.share for user in users)
        )
