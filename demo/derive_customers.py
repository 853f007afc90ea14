#!/usr/bin/env python3
"""Derives demo/customers.csv from the UCI Online Retail II invoices (../shared/data, CC BY 4.0).

500 customers with at least one sale, chosen by a hash of their id (stable); all their invoices, cancellations as
refunds (negative amounts); dates shifted so the latest invoice of the sample falls on 2026-11-01; synthetic consent
(85 % opt-in by a hash of the id) and country (GB for domestic customers, else a European country by hash). No names,
no e-mail addresses. Run from the repository root: python3 demo/derive_customers.py
"""
import collections
import csv
import datetime
import hashlib

SOURCE = '../shared/data/online_retail_II_invoices.csv'
TARGET = 'demo/customers.csv'
COUNTRIES = ['DE', 'FR', 'NL', 'IE', 'ES', 'BE', 'CH', 'PT', 'IT', 'SE']


def stable(text):
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def when(value):
    return datetime.datetime.strptime(value, '%m/%d/%y %H:%M')


def main():
    invoices = collections.defaultdict(list)
    for row in csv.DictReader(open(SOURCE)):
        customer = row['customer_id'].strip()
        if customer:
            invoices[customer.split('.')[0]].append(row)
    buyers = [c for c, rows in invoices.items()
              if any(not r['invoice_id'].startswith('C') and float(r['total_price']) > 0 for r in rows)]
    chosen = sorted(buyers, key=lambda c: stable('cpo-demo:' + c))[:500]
    latest = max(when(r['invoice_date']) for c in chosen for r in invoices[c])
    shift = datetime.datetime(2026, 11, 1, 12, 0) - latest
    with open(TARGET, 'w', newline='') as out:
        writer = csv.writer(out, lineterminator='\n')
        writer.writerow(['customer_id', 'order_id', 'occurred_at', 'amount', 'quantity', 'email_consent', 'country',
                         'currency'])
        for customer in sorted(chosen, key=int):
            consent = stable('consent:' + customer) % 100 < 85
            rows = sorted(invoices[customer], key=lambda r: when(r['invoice_date']))
            country = 'GB' if rows[0]['domestic_sale'] == 'True' else COUNTRIES[
                stable('country:' + customer) % len(COUNTRIES)]
            for r in rows:
                amount = round(float(r['total_price']), 2)
                if r['invoice_id'].startswith('C') and amount > 0:
                    amount = -amount
                writer.writerow(['RC-' + customer, r['invoice_id'],
                                 (when(r['invoice_date']) + shift).strftime('%Y-%m-%dT%H:%M:00Z'), f'{amount:.2f}',
                                 abs(int(float(r['total_quantity']))), 'true' if consent else 'false', country, 'GBP'])


if __name__ == '__main__':
    main()
