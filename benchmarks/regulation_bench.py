# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Publishing a regulation version (§2.3) to the customers' contacts.

``konus.regulation.action_publish()`` archives the previous version and
queues one mail per contact of every customer with an active contract, in
the contact's language. The script builds customers with active contracts
(5 contacts each, half of them Russian-speaking), then publishes a version
to a small audience (default 200 contacts) and, after adding customers, to
a large one (default 2 000). Printed for each: contacts notified, time,
SQL queries, queries per contact. Ten times the contacts must not mean ten
times the queries: only the INSERT batches (500 mails each) and the
partners' prefetch (1 000 a query) grow with the audience.

Nothing is committed: every transaction is rolled back. From the repository
root, against a database with konus_helpdesk (``make test`` leaves
``konus_test``):

    export VENV=/work/main/.venv PGPORT=55432
    $VENV/bin/python benchmarks/regulation_bench.py -c .state/odoo.conf \\
        -d konus_test

Options: --small N contacts (200), --large N contacts (2000).
"""

import argparse
import time

CONTACTS_PER_CUSTOMER = 5
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def add_customers(env, start, count):
    """``count`` customers, numbered from ``start``, each with an active
    open-ended contract naming its contacts."""
    env = env(context=dict(env.context, **QUIET))
    env["res.lang"]._activate_lang("ru_RU")
    companies = env["res.partner"].create(
        [
            {"name": f"ООО «Бенч-{i}»", "is_company": True}
            for i in range(start, start + count)
        ]
    )
    contacts = env["res.partner"].create(
        [
            {
                "name": f"Сотрудник {j} ({company.name})",
                "email": f"person{j}@bench{company.id}.example",
                "parent_id": company.id,
                "lang": "ru_RU" if j % 2 else "en_US",
            }
            for company in companies
            for j in range(CONTACTS_PER_CUSTOMER)
        ]
    )
    products = env["konus.supported.product"].create(
        [{"name": "1С:Бухгалтерия", "partner_id": c.id} for c in companies]
    )
    by_company = contacts.grouped("parent_id")
    env["konus.support.contract"].create(
        [
            {
                "name": f"БЕНЧ-{company.id}",
                "partner_id": company.id,
                "date_start": "2000-01-01",
                "product_ids": [(6, 0, product.ids)],
                "contact_ids": [(6, 0, by_company[company].ids)],
            }
            for company, product in zip(companies, products, strict=True)
        ]
    )
    env.flush_all()


def publish(env, name):
    regulation = env["konus.regulation"].create(
        {"name": name, "date_effective": "2030-01-01", "body": "<p>Бенчмарк</p>"}
    )
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    queries = cr.sql_log_count
    start = time.perf_counter()
    regulation.action_publish()
    env.flush_all()
    seconds = time.perf_counter() - start
    return regulation.notified_count, seconds, cr.sql_log_count - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    args = parser.parse_args()

    from odoo.api import SUPERUSER_ID, Environment
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config])
    small = args.small // CONTACTS_PER_CUSTOMER
    large = args.large // CONTACTS_PER_CUSTOMER
    rows = []
    with Registry(args.database).cursor() as cr:
        try:
            env = Environment(cr, SUPERUSER_ID, {})
            add_customers(env, 0, small)
            publish(env, "warm-up")  # templates, caches, prepared plans
            rows.append(publish(env, "bench-small"))
            add_customers(env, small, large - small)
            rows.append(publish(env, "bench-large"))
        finally:
            cr.rollback()
    # Importable once the registry has set the addons path.
    from odoo.addons.konus_helpdesk.models.konus_regulation import (
        NOTIFICATION_BATCH_SIZE,
    )

    print("Publishing a regulation version (queued mails, one per contact)")
    print(f"{'contacts notified':>18}{'seconds':>10}{'SQL queries':>13}{'per contact':>13}")
    for contacts, seconds, queries in rows:
        print(
            f"{contacts:>18}{seconds:>10.2f}{queries:>13}"
            f"{queries / max(contacts, 1):>13.3f}"
        )
    (few, _s, q_few), (many, _l, q_many) = rows
    print(
        f"{many / max(few, 1):.0f}x the contacts, {q_many / max(q_few, 1):.1f}x "
        f"the queries: no query per contact; the queries grow with the INSERT "
        f"batches ({NOTIFICATION_BATCH_SIZE} mails each) and the partners' "
        "prefetch (1 000 a query)."
    )


if __name__ == "__main__":
    main()
