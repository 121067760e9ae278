"""Document benchmark (a script, not a test): run by hand, the figures go into the report.

    .venv/bin/python bench/bench_documents.py [--runs 50]

Renders the sample offer letter (one A4 page, three pay items) N times and prints p50/p95 (target:
p95 < 300 ms); then fills the default labour contract, renders it and signs it with a PAdES
signature from a PKCS#12 file (test CA made here, EC P-256) N times and prints p50/p95 of render,
sign and the two together (target < 1 s), and of validating the signed contract. The first run of
each (font registration, imports) is reported apart as "cold".

Measured on 2026-12-06 (50 runs, shared 2-core machine): offer letter render p50 8.9 ms, p95 12.1 ms
(cold first render 78 ms); contract render p95 13.3 ms, PAdES sign p95 29.5 ms (first one 247 ms:
pyHanko imports), render + sign p95 43.3 ms (max 259 ms); validation p95 7.2 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core import contracts
from desktop.integrations.documents import signing
from desktop.integrations.documents.contract import render_contract
from desktop.integrations.documents.offer_letter import render_offer_letter
from tests.integration.documents_helpers import sample_offer
from tests.signing_certs import make_signing_certs
from tests.unit.test_contracts import values


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - start) * 1000


def summary(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{name:<28} p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    now = datetime.now(UTC)      # a script: the certificate must be valid now
    certs = make_signing_certs(now - timedelta(days=1))
    roots = signing.load_certificates(certs.ca_pem)
    letter = sample_offer()
    filled = contracts.fill(contracts.DEFAULT_TEMPLATE, values())

    _pdf, cold = timed(lambda: render_offer_letter(letter))
    print(f"offer letter cold (font registration): {cold:.1f} ms")
    summary("offer letter render", [timed(lambda: render_offer_letter(letter))[1] for _ in range(runs)])

    renders, signs, totals, checks = [], [], [], []
    for _ in range(runs):
        pdf, t_render = timed(lambda: render_contract(filled))
        signed, t_sign = timed(lambda: signing.sign_pdf(pdf, certs.pkcs12, certs.password, now=now))
        check, t_check = timed(lambda: signing.validate_pdf(signed, roots, now=now))
        assert check.ok, check
        renders.append(t_render)
        signs.append(t_sign)
        totals.append(t_render + t_sign)
        checks.append(t_check)
    summary("contract render", renders)
    summary("contract sign (PAdES)", signs)
    summary("contract render + sign", totals)
    summary("contract validate", checks)


if __name__ == "__main__":
    main()
