# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""E-mail intake: konus_helpdesk vs. helpdesk_mgmt alone, side by side.

N incoming mails (default 1 000) go through the real mail gateway
(``mail.thread.message_process``) to a team alias, in two databases: one with
konus_helpdesk, one with helpdesk_mgmt alone. The mails are the same in both:
70 % from known customer contacts quoting their contract number, 30 % from
unknown senders (which konus_helpdesk answers once with the §4.4 auto-reply,
a real outgoing mail helpdesk_mgmt never sends). The two databases take turns
in rounds of 100 mails. Printed: time and SQL queries per mail for each kind
of sender and for all mails, side by side, with the ratio.

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


KINDS = ("identified", "unknown")


def mail_kind(i):
    return KINDS[0] if i % 10 < 7 else KINDS[1]


def bench(envs, count, rounds=10):
    """Time every mail; the databases take turns, round after round, so
    that a busy moment of the machine weighs on both alike."""
    setups = {label: make_setup(env) for label, env in envs.items()}
    for label, env in envs.items():
        to, contacts = setups[label]
        for i in range(10):  # warm-up: caches, prepared plans
            env["mail.thread"].message_process(
                "helpdesk.ticket", make_mail(10**6 + i, to, contacts)
            )
        env.flush_all()
    # {label: {kind: [seconds, queries, mails]}}
    totals = {label: {kind: [0.0, 0, 0] for kind in KINDS} for label in envs}
    labels = list(envs)
    for r in range(rounds):
        chunk = range(r * count // rounds, (r + 1) * count // rounds)
        for label in labels if r % 2 == 0 else reversed(labels):
            env = envs[label]
            to, contacts = setups[label]
            cr = env.cr
            for i in chunk:
                mail = make_mail(i, to, contacts)
                queries = cr.sql_log_count
                start = time.perf_counter()
                env["mail.thread"].message_process("helpdesk.ticket", mail)
                env.flush_all()
                line = totals[label][mail_kind(i)]
                line[0] += time.perf_counter() - start
                line[1] += cr.sql_log_count - queries
                line[2] += 1
    created = {
        label: env["helpdesk.ticket"].search_count([("name", "like", "Обращение ")])
        for label, env in envs.items()
    }
    return totals, created


def per_mail(lines):
    seconds = sum(line[0] for line in lines)
    queries = sum(line[1] for line in lines)
    mails = sum(line[2] for line in lines) or 1
    return 1000 * seconds / mails, queries / mails


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
    dbs = {"hd": args.baseline_db, "konus": args.database}
    crs = {label: Registry(db).cursor() for label, db in dbs.items()}
    try:
        envs = {
            label: Environment(cr, SUPERUSER_ID, {"tz": "Asia/Irkutsk"})
            for label, cr in crs.items()
        }
        totals, created = bench(envs, args.n)
    finally:
        for cr in crs.values():
            cr.rollback()
            cr.close()
    print(f"E-mail intake: {args.n} mails through message_process")
    print(f"{'':34}{'helpdesk_mgmt':>16}{'konus_helpdesk':>16}{'ratio':>8}")
    rows = [(f"{kind} senders", [kind]) for kind in KINDS]
    rows.append(("all mails", list(KINDS)))
    for title, kinds in rows:
        base = per_mail([totals["hd"][kind] for kind in kinds])
        ours = per_mail([totals["konus"][kind] for kind in kinds])
        mails = sum(totals["konus"][kind][2] for kind in kinds)
        print(
            f"{title + f' ({mails})':34}{'':16}{'':16}\n"
            f"{'  ms per mail':34}{base[0]:>16.1f}{ours[0]:>16.1f}"
            f"{ours[0] / base[0]:>7.2f}x\n"
            f"{'  SQL queries per mail':34}{base[1]:>16.1f}{ours[1]:>16.1f}"
        )
    print(f"{'tickets created':34}{created['hd']:>16}{created['konus']:>16}")


if __name__ == "__main__":
    main()
