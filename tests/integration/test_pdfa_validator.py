"""The PDF/A validator the archive's dossiers will be checked with (issue 13) runs here, as the
project's setup installs it, and says what it finds by clause: a letter made for mail (not an
archive format) is reported with the clauses it breaks; a damaged file is reported too."""

from __future__ import annotations

from documents_helpers import sample_offer
from pdfa import violations

from desktop.integrations.documents.offer_letter import render_offer_letter


def test_a_pdf_that_is_not_pdfa_is_reported_by_clause(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_offer_letter(sample_offer()))
    found = violations(path)
    assert found, "a plain reportlab PDF has no output intent or XMP metadata: not PDF/A-1b"
    assert any(line.startswith("2.4") for line in found), found          # colour without an output intent


def test_a_damaged_file_is_reported(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(render_offer_letter(sample_offer())[:2000])
    assert violations(path)
