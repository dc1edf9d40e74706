# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

import werkzeug

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from ..tools import identification, portal_uploads


class KonusHelpdeskTicketController(HelpdeskTicketController):
    """The portal request form of §4.4 and the portal close button.

    The rules live in ``konus.portal.request``; every id a form sends is
    resolved in the customer's own environment before anything is created
    with sudo.
    """

    # ------------------------------------------------------------------
    # New request
    # ------------------------------------------------------------------

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        values.update(self._prepare_konus_form_values())
        return values

    def _prepare_konus_form_values(self, form=None, errors=None):
        """What the §4.4 form offers: the user's active contracts, the
        products and kinds of support of each (for the client-side filter),
        the incident classes with their §1 definitions; ``form`` and
        ``errors`` re-render a rejected submission."""
        PortalRequest = request.env["konus.portal.request"]
        contracts = PortalRequest._contracts()
        # Searched as the customer: the portal rules keep the documents of
        # its own products.
        documents = request.env["konus.product.document"].search(
            [("product_id", "in", contracts.product_ids.ids)]
        )
        documents_by_product = {}
        for document in documents:
            documents_by_product.setdefault(document.product_id.id, documents.browse())
            documents_by_product[document.product_id.id] |= document
        return {
            "konus_contracts": contracts,
            "konus_is_customer": PortalRequest._is_customer(),
            "konus_products": contracts.product_ids,
            "konus_support_types": contracts.support_type_ids,
            # "id id ..." of the offered contracts covering each product / type
            "konus_offered_by": {
                record: " ".join(str(c.id) for c in contracts if record in c[field])
                for field in ("product_ids", "support_type_ids")
                for record in contracts[field]
            },
            "konus_incident_classes": PortalRequest._incident_classes(),
            "konus_documents_by_product": documents_by_product,
            "konus_min_question_length": identification.MIN_QUESTION_LENGTH,
            "konus_max_subject": PortalRequest._MAX_SUBJECT,
            "konus_accepted_extensions": ", ".join(portal_uploads.ACCEPTED_EXTENSIONS),
            "konus_max_file_mb": portal_uploads.MAX_FILE_SIZE // (1024 * 1024),
            "konus_max_total_mb": portal_uploads.MAX_TOTAL_SIZE // (1024 * 1024),
            "form": form or {},
            "errors": errors or {},
        }

    # A request is filed by the form's POST only: a GET (a link, an image
    # on another site) carries no CSRF token.
    @http.route(methods=["POST"])
    def submit_ticket(self, **kw):
        # PostgreSQL refuses a NUL in any text: the request would be lost.
        kw = {key: _without_nul(value) for key, value in kw.items()}
        files = self._konus_uploaded_files()
        errors = request.env["konus.portal.request"]._validate(kw, files)
        if errors:
            values = self._get_create_new_ticket_values(**kw)
            values.update(self._prepare_konus_form_values(form=kw, errors=errors))
            return request.render("helpdesk_mgmt.portal_create_ticket", values)
        vals = self._prepare_submit_ticket_vals(**kw)
        ticket = request.env["helpdesk.ticket"].sudo().create(vals)
        ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        self._konus_attach_files(ticket, files)
        # The ticket page confirms the registration with the request's number.
        return werkzeug.utils.redirect(f"/my/ticket/{ticket.id}?konus_created=1")

    def _prepare_submit_ticket_vals(self, **kw):
        kw.update(self._konus_offered_choices(kw))
        vals = super()._prepare_submit_ticket_vals(**kw)
        vals.update(request.env["konus.portal.request"]._ticket_values(kw))
        if not vals.get("team_id"):
            team = self._konus_default_team(vals["company_id"])
            if team:
                vals["team_id"] = team.id
                # As helpdesk_mgmt does: the first stage triggers its mails.
                vals["stage_id"] = team._get_applicable_stages()[:1].id
        return vals

    def _konus_offered_choices(self, kw):
        """The category and team posted, when the form offers them, else
        none: helpdesk_mgmt reads them as posted, so that a number that is
        none failed the request (a server error) and a hidden, archived or
        unreadable category lost it."""
        offered = {
            "category": self._get_categories(),
            "team": self._get_teams() or request.env["helpdesk.ticket.team"],
        }
        return {
            key: str(_form_id(kw.get(key)))
            if _form_id(kw.get(key)) in records.ids
            else ""
            for key, records in offered.items()
        }

    def _konus_default_team(self, company_id):
        """The support service (СТП) of the request's company, when the
        customer did not choose a team."""
        team = request.env.ref(
            "konus_helpdesk.team_konus_support", raise_if_not_found=False
        )
        team = team.sudo() if team else request.env["helpdesk.ticket.team"]
        return team.filtered(lambda t: t.active and t.company_id.id == company_id)

    def _konus_uploaded_files(self):
        """``(name, content)`` of each file posted; a content is read only up
        to one byte past the size limit, enough to refuse it."""
        return [
            (
                _without_nul(upload.filename) or "file",
                upload.stream.read(portal_uploads.MAX_FILE_SIZE + 1),
            )
            for upload in request.httprequest.files.getlist("attachment")
            if upload.filename
        ]

    def _konus_attach_files(self, ticket, files):
        request.env["ir.attachment"].sudo().create(
            [
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
                for name, content in files
            ]
        )

    # ------------------------------------------------------------------
    # Close from the portal
    # ------------------------------------------------------------------

    # A state change: POST only, with the CSRF token of the ticket page's
    # form; helpdesk_mgmt closed on a GET, so any link could close a ticket.
    @http.route(methods=["POST"])
    def support_ticket_close(self, **kw):
        # Redirects as helpdesk_mgmt's (302), which its tests expect.
        # helpdesk_mgmt fetches the ticket with sudo by the posted id: check
        # first that the user may see it, and that the stage is one of the
        # closing stages of its team.
        ticket = request.env["helpdesk.ticket"].browse(_form_id(kw.get("ticket_id")))
        if not ticket.sudo().exists():
            return werkzeug.utils.redirect("/my")
        try:
            ticket.check_access("read")
        except AccessError:
            return werkzeug.utils.redirect("/my")
        ticket = ticket.sudo()
        stage = self._konus_closing_stages(ticket).filtered(
            lambda s: s.id == _form_id(kw.get("stage_id"))
        )
        if stage:
            ticket.stage_id = stage
        return werkzeug.utils.redirect(f"/my/ticket/{ticket.id}")

    def _konus_closing_stages(self, ticket_sudo):
        if ticket_sudo.team_id:
            stages = ticket_sudo.team_id._get_applicable_stages()
        else:
            stages = (
                request.env["helpdesk.ticket.stage"]
                .sudo()
                .search(
                    [
                        ("company_id", "in", [False, ticket_sudo.company_id.id]),
                        ("team_ids", "=", False),
                    ]
                )
            )
        return stages.filtered("close_from_portal")


class KonusCustomerPortal(CustomerPortalHelpdesk):
    """The customer's request list and account pages answer any query
    string: an unknown choice falls back to the default, a date that is no
    date is ignored, a form lacking a field gets portal's own message."""

    @http.route()
    def portal_my_tickets(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        filterby=None,
        search=None,
        search_in=None,
        groupby=None,
        **kw,
    ):
        if sortby not in self._ticket_get_searchbar_sortings():
            sortby = None
        if groupby not in self._ticket_get_searchbar_groupby():
            groupby = None
        if search_in not in self._ticket_get_searchbar_inputs():
            search_in = None
        if not (_form_datetime(date_begin) and _form_datetime(date_end)):
            date_begin = date_end = None
        return super().portal_my_tickets(
            page=page,
            date_begin=date_begin,
            date_end=date_end,
            sortby=sortby,
            filterby=filterby,
            search=search,
            search_in=search_in,
            groupby=groupby,
            **kw,
        )

    @http.route()
    def security(self, **post):
        if request.httprequest.method == "POST":
            # portal reads the three passwords as post[...]: a form without
            # them gets its "cannot leave any password empty" instead.
            post = dict.fromkeys(("old", "new1", "new2"), "") | post
        return super().security(**post)


def _form_datetime(value):
    """A date or date and time posted in a form, or None."""
    try:
        return fields.Datetime.to_datetime(value)
    except (TypeError, ValueError):
        return None


def _without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


def _form_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
