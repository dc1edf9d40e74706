# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-mail intake: konus_helpdesk vs. helpdesk_mgmt alone, side by side.

N incoming mails (default 1 000) go through the real mail gateway
(``mail.thread.message_process``) to a team alias, in two databases: one with
konus_helpdesk, one with helpdesk_mgmt alone. The mails are the same in both:
70 % from known customer contacts quoting their contract number, 30 % from
unknown senders (which konus_helpdesk answers once with the §4.4 auto-reply).
Printed: time and SQL queries per mail, and the ratio.

Nothing is committed: every transaction is rolled back. From the repository
root, with the project's cluster running (``make test`` leaves ``konus_test``):

    export VENV=.venv
    tools/konus.sh install-db konus_bench_hd helpdesk_mgmt ""
    $VENV/bin/python benchmarks/mail_bench.py -c .state/odoo.conf \\
        -d konus_test --baseline-db konus_bench_hd

Options: -n N mails (1000).
"""

import argparse
import time
from email.utils import formataddr

CUSTOMERS = 20


def make_setup(env):
    """An alias domain, a team alias and customers with contacts; where
    konus_helpdesk is installed, each customer also has a contract."""
    domain = env["mail.alias.domain"].create({"name": "bench.konus.test"})
    env.company.alias_domain_id = domain
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench intake", "alias_name": "bench-support"}
    )
    team.alias_id.alias_domain_id = domain
    konus = "konus.support.contract" in env
    contacts = []
    for i in range(CUSTOMERS):
        company = env["res.partner"].create(
            {"name": f"ООО «Бенч-{i}»", "is_company": True}
        )
        contact = env["res.partner"].create(
            {
                "name": f"Сотрудник {i}",
                "email": f"person{i}@customer{i}.example",
                "parent_id": company.id,
            }
        )
        number = f"ДТП-{i:03d}/2026"
        if konus:
            product = env["konus.supported.product"].create(
                {
                    "name": f"1С:Бухгалтерия {i}",
                    "kind": "software",
                    "partner_id": company.id,
                }
            )
            env["konus.support.contract"].create(
                {
                    "name": number,
                    "partner_id": company.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                    "product_ids": [(6, 0, product.ids)],
                }
            )
        contacts.append((contact, number))
    return f"bench-support@{domain.name}", contacts


def make_mail(i, to, contacts):
    if i % 10 < 7:
        contact, number = contacts[i % len(contacts)]
        sender = formataddr((contact.name, contact.email), charset="utf-8")
        body = f"Добрый день! По договору № {number} не проводится документ."
    else:
        sender = f"stranger{i}@nowhere.example"
        body = "Здравствуйте, у нас не работает программа, помогите."
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: Обращение {i}\r\n"
        f"Message-ID: <bench-{i}@customer.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n"
    ).encode()


def bench(env, count):
    to, contacts = make_setup(env)
    MailThread = env["mail.thread"]
    for i in range(10):  # warm-up: caches, prepared plans
        MailThread.message_process(
            "helpdesk.ticket", make_mail(10**6 + i, to, contacts)
        )
    env.flush_all()
    cr = env.cr
    queries = cr.sql_log_count
    start = time.perf_counter()
    for i in range(count):
        MailThread.message_process("helpdesk.ticket", make_mail(i, to, contacts))
        env.flush_all()
    elapsed = time.perf_counter() - start
    created = env["helpdesk.ticket"].search_count([("name", "like", "Обращение ")])
    return elapsed / count, (cr.sql_log_count - queries) / count, created


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--baseline-db", required=True)
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()

    from odoo.api import SUPERUSER_ID, Environment
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config])
    results = {}
    for label, db in (("hd", args.baseline_db), ("konus", args.database)):
        with Registry(db).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"tz": "Asia/Irkutsk"})
            results[label] = bench(env, args.n)
            cr.rollback()
    base, ours = results["hd"], results["konus"]
    print(f"E-mail intake: {args.n} mails through message_process")
    print(f"{'':30}{'helpdesk_mgmt':>18}{'konus_helpdesk':>18}")
    print(f"{'ms per mail':30}{1000 * base[0]:>18.1f}{1000 * ours[0]:>18.1f}")
    print(f"{'SQL queries per mail':30}{base[1]:>18.1f}{ours[1]:>18.1f}")
    print(f"{'tickets created':30}{base[2]:>18}{ours[2]:>18}")
    print(f"{'ratio (time)':30}{'':>18}{ours[0] / base[0]:>17.2f}x")


if __name__ == "__main__":
    main()
