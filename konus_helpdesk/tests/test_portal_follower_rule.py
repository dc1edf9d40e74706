# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tests import TransactionCase

from .common import KonusSupportDataMixin


class TestPortalFollowerRule(KonusSupportDataMixin, TransactionCase):
    """helpdesk_mgmt's portal rule ("the organisation's requests, or those a
    person of the organisation follows") reads the followers in a form the
    database plans from its indexes (issue 15: the customer's list scanned
    every request): the same requests are visible to the same people."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        env = cls.env
        # A colleague of customer A without a portal account, and a person
        # of no customer.
        cls.colleague_a = env["res.partner"].create(
            {"name": "Доржиев Баир", "parent_id": cls.customer_a.id}
        )
        cls.stranger = env["res.partner"].create({"name": "Иванов Пётр"})
        Ticket = env["helpdesk.ticket"]

        def ticket(name, partner, followers):
            record = Ticket.create(
                {
                    "name": name,
                    "description": "<p>Ошибка при проведении</p>",
                    "team_id": cls.team.id,
                    "partner_id": partner.id,
                }
            )
            # Exactly these followers, whatever create subscribed.
            record.message_unsubscribe(record.message_partner_ids.ids)
            record.message_subscribe(followers.ids)
            return record

        none = env["res.partner"]
        cls.own = ticket("A: своя", cls.contact_a, cls.contact_a)
        cls.own_company = ticket("A: на организацию", cls.customer_a, none)
        cls.b_plain = ticket("Б: своя", cls.contact_b, cls.contact_b)
        cls.b_by_contact = ticket("Б: подписан А", cls.contact_b, cls.contact_a)
        cls.b_by_colleague = ticket(
            "Б: подписан коллега А", cls.contact_b, cls.colleague_a
        )
        cls.b_by_company = ticket(
            "Б: подписана организация А", cls.contact_b, cls.customer_a
        )
        cls.b_by_stranger = ticket(
            "Б: подписан посторонний", cls.contact_b, cls.stranger
        )
        cls.tickets = (
            cls.own
            | cls.own_company
            | cls.b_plain
            | cls.b_by_contact
            | cls.b_by_colleague
            | cls.b_by_company
            | cls.b_by_stranger
        )

    def _helpdesk_mgmt_allows(self, user):
        """helpdesk_mgmt's "Portal Personal Tickets" rule evaluated in
        Python over the stored requests and followers: the request's
        customer, or one of its followers, is the user's organisation or
        one of its people (``child_of``)."""
        people = self.env["res.partner"].search(
            [("id", "child_of", user.commercial_partner_id.id)]
        )
        return self.tickets.filtered(
            lambda t: (t.partner_id | t.message_partner_ids) & people
        )

    def _visible(self, user):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", self.tickets.ids)])
        )

    def test_same_requests_as_helpdesk_mgmt_rule(self):
        for user in (self.portal_a, self.portal_b):
            with self.subTest(user=user.login):
                expected = self._helpdesk_mgmt_allows(user)
                Ticket = self.env["helpdesk.ticket"].with_user(user)
                self.assertEqual(self._visible(user), expected)
                self.assertEqual(
                    Ticket.search_count([("id", "in", self.tickets.ids)]),
                    len(expected),
                )
                # The portal list's own domain: its filter ANDed with the
                # rule, then the rule again (helpdesk_mgmt's controller).
                page = Domain.AND(
                    [
                        [("id", "in", self.tickets.ids)],
                        self.env["ir.rule"]
                        .with_user(user)
                        ._compute_domain("helpdesk.ticket", "read"),
                    ]
                )
                self.assertEqual(Ticket.search(page), expected)
                # Record by record, as a ticket page checks it.
                for record in self.tickets:
                    self.assertEqual(
                        record.with_user(user).has_access("read"),
                        record in expected,
                        record.name,
                    )

    def test_followers_of_the_organisation_see_the_request(self):
        self.assertEqual(
            self._visible(self.portal_a),
            self.own
            | self.own_company
            | self.b_by_contact
            | self.b_by_colleague
            | self.b_by_company,
        )
        # B sees all its own requests, whoever follows them, and none of A's.
        self.assertEqual(
            self._visible(self.portal_b),
            self.b_plain
            | self.b_by_contact
            | self.b_by_colleague
            | self.b_by_company
            | self.b_by_stranger,
        )
        with self.assertRaises(AccessError):
            self.own.with_user(self.portal_b).check_access("read")
        with self.assertRaises(AccessError):
            self.b_plain.with_user(self.portal_a).check_access("read")

    def test_unfollowing_hides_the_request_at_once(self):
        self.assertIn(self.b_by_colleague, self._visible(self.portal_a))
        self.b_by_colleague.message_unsubscribe(self.colleague_a.ids)
        self.assertNotIn(self.b_by_colleague, self._visible(self.portal_a))
        self.b_plain.message_subscribe(self.contact_a.ids)
        self.assertIn(self.b_plain, self._visible(self.portal_a))

    def test_portal_user_filters_by_own_organisation_only(self):
        """mail's check stays: a customer may look for the requests their
        own people follow, never for those another person follows."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.portal_a)
        self.assertEqual(
            Ticket.search(
                [
                    ("id", "in", self.tickets.ids),
                    ("message_partner_ids", "in", self.contact_a.ids),
                ]
            ),
            self.own | self.b_by_contact,
        )
        with self.assertRaises(AccessError):
            Ticket.search([("message_partner_ids", "in", self.contact_b.ids)])

    def test_internal_searches_on_followers_unchanged(self):
        Ticket = self.env["helpdesk.ticket"]
        scope = [("id", "in", self.tickets.ids)]
        self.assertEqual(
            Ticket.search(scope + [("message_partner_ids", "in", self.stranger.ids)]),
            self.b_by_stranger,
        )
        self.assertEqual(
            Ticket.search(
                scope + [("message_partner_ids", "child_of", self.customer_a.ids)]
            ),
            self.own | self.b_by_contact | self.b_by_colleague | self.b_by_company,
        )
        self.assertEqual(
            Ticket.search(
                scope + [("message_partner_ids", "not in", self.contact_b.ids)]
            ),
            self.tickets - self.b_plain,
        )

    def test_rule_compiles_to_an_indexable_form(self):
        """The followers' half is computed once and ORed with the partner
        index (``id = ANY(ARRAY(…))``), not a sub-select evaluated against
        every request (``id IN (SELECT …)``), which PostgreSQL can only
        filter row by row."""
        query = self.env["helpdesk.ticket"].with_user(self.portal_a)._search([])
        code = query.select().code
        self.assertIn('= ANY(ARRAY((SELECT res_id FROM "mail_followers"', code)
        self.assertNotIn('"id" IN (SELECT res_id FROM "mail_followers"', code)
