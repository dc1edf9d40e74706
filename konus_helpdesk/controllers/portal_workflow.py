# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal



class KonusPortalWorkflow(CustomerPortal):
    """The customer's side of §5.4, §5.5 and §2.3 in the portal: a complaint
    about a specialist, a letter to the head of support, the re-registration
    of a request closed unresolved, and the current regulation.

    Every action is on the customer's own request: its access is checked in
    the customer's environment before anything is done with sudo."""

    # ------------------------------------------------------------------
    # Complaint, letter to the head of support, re-registration
    # ------------------------------------------------------------------

    @http.route(
        "/my/ticket/<int:ticket_id>/action/<any(complaint,write_head,reregister):action>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_ticket_workflow(self, ticket_id, action, description="", **kw):
        ticket_sudo = self._konus_own_ticket(ticket_id)
        if action == "reregister" and not ticket_sudo.closed:
            raise NotFound()
        if request.httprequest.method == "GET":
            return self._konus_render_ticket_form(ticket_sudo, action)
        description = (description or "").strip()
        if action != "reregister" and not description:
            return self._konus_render_ticket_form(
                ticket_sudo,
                action,
                error=request.env._("Please describe what happened."),
            )
        partner = request.env.user.partner_id
        if action == "reregister":
            new_ticket = ticket_sudo.with_user(request.env.user).sudo()._reregister(
                partner, description
            )
            return request.redirect(f"/my/ticket/{new_ticket.id}")
        request.env["konus.complaint"].sudo().create(
            {
                "kind": "complaint" if action == "complaint" else "premature_closure",
                "ticket_id": ticket_sudo.id,
                "partner_id": partner.id,
                "description": description,
            }
        )
        return request.redirect(f"/my/ticket/{ticket_sudo.id}?konus_sent={action}")

    def _konus_own_ticket(self, ticket_id):
        """The customer's own request, sudoed; 404 for anything else (another
        organisation's request, an internal user)."""
        if not request.env.user._is_portal():
            raise NotFound()
        try:
            return self._document_check_access("helpdesk.ticket", ticket_id)
        except (AccessError, MissingError) as error:
            raise NotFound() from error

    def _konus_render_ticket_form(self, ticket_sudo, action, error=None):
        return request.render(
            "konus_helpdesk.portal_ticket_workflow_form",
            {
                "ticket": ticket_sudo,
                "konus_action": action,
                "konus_error": error,
                "page_name": "ticket",
            },
        )

    # ------------------------------------------------------------------
    # The regulation (§2.3)
    # ------------------------------------------------------------------

    @http.route(
        ["/my/regulation", "/my/regulation/<int:regulation_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_regulation(self, regulation_id=None, **kw):
        Regulation = request.env["konus.regulation"]
        versions = Regulation.search([("state", "in", ("published", "archived"))])
        current = versions.filtered(lambda r: r.state == "published")[:1]
        shown = current
        if regulation_id:
            shown = versions.filtered(lambda r: r.id == regulation_id)
            if not shown:
                raise NotFound()
        return request.render(
            "konus_helpdesk.portal_my_regulation",
            {
                "regulation": shown,
                "current": current,
                "versions": versions,
                "page_name": "regulation",
            },
        )

    @http.route(
        "/my/regulation/<int:regulation_id>/pdf",
        type="http",
        auth="user",
        website=True,
    )
    def portal_regulation_pdf(self, regulation_id, **kw):
        try:
            regulation_sudo = self._document_check_access(
                "konus.regulation", regulation_id
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        if not regulation_sudo.pdf_file:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(
            regulation_sudo,
            "pdf_file",
            filename=regulation_sudo.pdf_filename
            or f"{regulation_sudo.name}.pdf",
            mimetype="application/pdf",
        )
        return stream.get_response(as_attachment=True)
