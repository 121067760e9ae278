"""Archive packages from the package alone: written as a folder or a .zip, checked by `verify`, and
every kind of damage named — one byte of a PDF, one metadata value, one signature, a missing or an
added file, a keys file from another database."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree
from reportlab.pdfgen import canvas

from desktop.core import signing
from desktop.core.archive import package
from desktop.core.archive.dossier import Dossier, SignedDecision
from desktop.core.archive.package import PackageInfo, PackageWriter, PublicKey, open_sink
from desktop.core.archive.verify import verify

AT = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)


class Signer:
    def __init__(self, user_id: int, name: str) -> None:
        self.private = Ed25519PrivateKey.generate()
        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key = PublicKey(signing.key_id_of(raw), user_id, f"user{user_id}", name, raw.hex(), AT)

    def decide(self, subject_id: int, verdict: str, comment: str) -> SignedDecision:
        content = f"{subject_id:064x}"
        text = signing.signed_text("change_decision", subject_id, content, verdict, comment, AT,
                                   self.key.user_id, self.key.key_id)
        return SignedDecision("change_decision", subject_id, self.key.user_id, self.key.display_name, self.key.key_id,
                        content, verdict, comment, AT, self.private.sign(text).hex())


def small_pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()


def dossiers(count: int, signers: list[Signer]) -> list[Dossier]:
    made = []
    for n in range(1, count + 1):
        decisions = tuple(s.decide(n * 10 + i, "approved", f"同意 <{n}> & “好”") for i, s in enumerate(signers))
        made.append(Dossier(f"MS-2026-NK-{n:06d}", f"候选人{n} 应聘 内科医师 面试档案", n, date(2026, 11, n % 28 + 1),
                            "10年", "NK", "示例医院 人事处", "内部", (f"OFFER-{n}", "合同 HT-2026-<7>"),
                            small_pdf(f"dossier {n}"), 1, f"{n:064x}", decisions))
    return made


def write(dest: Path, items: list[Dossier], signers: list[Signer]) -> package.Written:
    keys = {s.key.key_id: s.key for s in signers}
    writer = PackageWriter(open_sink(dest, AT))
    for item in items:
        writer.add(item, keys)
    written = writer.close(PackageInfo(AT, "王丽", date(2026, 11, 1), date(2026, 11, 30), "NK", "示例医院"),
                           list(keys.values()))
    writer.sink.finish()
    return written


@pytest.fixture
def signers() -> list[Signer]:
    return [Signer(3, "陈建国"), Signer(4, "周涛")]


@pytest.fixture
def folder(tmp_path: Path, signers) -> Path:
    dest = tmp_path / "包"
    write(dest, dossiers(3, signers), signers)
    return dest


def problem(path: Path) -> tuple[str, str]:
    report = verify(path)
    assert not report.ok
    return report.problem.path, report.problem.code


def test_a_written_package_verifies_and_its_digest_is_the_manifests(folder: Path, tmp_path: Path, signers):
    report = verify(folder)
    assert report.ok, report.problem
    assert (report.dossiers, report.signatures) == (3, 6)
    assert report.package_sha256 == package.sha256((folder / "manifest.sha256").read_bytes())
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == sorted(["README.txt", "package.json", "manifest.sha256", "keys/public_keys.json",
                            "metadata/schema.xsd"] + [f"{d}/MS-2026-NK-00000{n}.{e}" for n in (1, 2, 3)
                                                      for d, e in (("dossiers", "pdf"), ("metadata", "xml"),
                                                                   ("signatures", "json"))])
    assert not list(tmp_path.glob(".*partial"))


def test_sha256sum_checks_the_manifest_without_interviewdesk(folder: Path):
    done = subprocess.run(["sha256sum", "--strict", "-c", "manifest.sha256"], cwd=folder, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    (folder / "dossiers" / "MS-2026-NK-000002.pdf").write_bytes(b"%PDF-1.4 other")
    assert subprocess.run(["sha256sum", "-c", "manifest.sha256"], cwd=folder, capture_output=True).returncode == 1


def test_metadata_is_valid_against_the_shipped_schema_and_escapes_markup(folder: Path):
    schema = etree.XMLSchema(etree.parse(str(folder / "metadata" / "schema.xsd")))
    data = (folder / "metadata" / "MS-2026-NK-000001.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    record = etree.fromstring(data)
    assert schema.validate(record), schema.error_log
    assert record.findtext("题名") == "候选人1 应聘 内科医师 面试档案"
    assert record.find("数字摘要").get("算法") == "SHA-256"
    assert record.findtext("数字摘要") == package.sha256((folder / "dossiers" / "MS-2026-NK-000001.pdf").read_bytes())
    assert record.findtext("文件格式") == "PDF/A-1b"
    assert [e.text for e in record.find("关联关系")] == ["OFFER-1", "合同 HT-2026-<7>"]
    assert b"HT-2026-&lt;7&gt;" in data


def test_a_control_character_in_a_title_still_makes_well_formed_xml(tmp_path: Path, signers):
    item = replace(dossiers(1, signers)[0], title="张三\x07 应聘")
    write(tmp_path / "p", [item], signers)
    assert etree.parse(str(tmp_path / "p" / "metadata" / "MS-2026-NK-000001.xml")).findtext("题名") == "张三\ufffd 应聘"
    assert verify(tmp_path / "p").ok


def test_signatures_file_holds_the_exact_signed_text_and_verifies_alone(folder: Path, signers):
    entries = json.loads((folder / "signatures" / "MS-2026-NK-000002.json").read_text("utf-8"))["signatures"]
    keys = {k["key_id"]: k for k in json.loads((folder / "keys" / "public_keys.json").read_text("utf-8"))["keys"]}
    assert len(entries) == 2 and set(keys) == {s.key.key_id for s in signers}
    for entry in entries:
        key = keys[entry["key_id"]]
        assert signing.verify_text(key["public_key"], entry["signed_text"].encode("utf-8"), entry["signature"])
        assert entry["verified_at_export"] is True and key["user_name"].startswith("user")


def test_a_zip_package_verifies_and_names_a_changed_pdf(tmp_path: Path, signers):
    dest = tmp_path / "包.zip"
    write(dest, dossiers(2, signers), signers)
    assert verify(dest).ok
    with zipfile.ZipFile(dest) as src, zipfile.ZipFile(tmp_path / "changed.zip", "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "dossiers/MS-2026-NK-000002.pdf":
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            out.writestr(info, data)
    assert problem(tmp_path / "changed.zip") == ("dossiers/MS-2026-NK-000002.pdf", "digest")


def test_one_byte_of_one_pdf_is_named(folder: Path):
    pdf = folder / "dossiers" / "MS-2026-NK-000003.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    assert problem(folder) == ("dossiers/MS-2026-NK-000003.pdf", "digest")


def test_one_metadata_value_is_named(folder: Path):
    record = folder / "metadata" / "MS-2026-NK-000002.xml"
    record.write_text(record.read_text("utf-8").replace("10年", "30年"), "utf-8")
    assert problem(folder) == ("metadata/MS-2026-NK-000002.xml", "digest")


def test_one_signature_is_named_even_when_the_manifest_is_recomputed(folder: Path):
    signatures = folder / "signatures" / "MS-2026-NK-000001.json"
    document = json.loads(signatures.read_text("utf-8"))
    first = document["signatures"][1]["signature"]
    document["signatures"][1]["signature"] = ("0" if first[0] != "0" else "1") + first[1:]
    signatures.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert problem(folder) == ("signatures/MS-2026-NK-000001.json", "digest")
    rewrite_manifest(folder)
    report = verify(folder)
    assert (report.problem.path, report.problem.code) == ("signatures/MS-2026-NK-000001.json", "signature_invalid")
    assert report.problem.params["number"] == 2 and report.problem.params["subject_id"] == 11


def test_a_verdict_changed_beside_its_signed_text_is_named(folder: Path):
    signatures = folder / "signatures" / "MS-2026-NK-000001.json"
    document = json.loads(signatures.read_text("utf-8"))
    document["signatures"][0]["verdict"] = "rejected"
    signatures.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    rewrite_manifest(folder)
    assert problem(folder) == ("signatures/MS-2026-NK-000001.json", "signature_text")


def test_a_keys_file_from_another_database_is_named(folder: Path, tmp_path: Path):
    others = [Signer(3, "陈建国"), Signer(4, "周涛")]      # the same users, another database's keys
    write(tmp_path / "other", dossiers(1, others), others)
    shutil.copyfile(tmp_path / "other" / "keys" / "public_keys.json", folder / "keys" / "public_keys.json")
    assert problem(folder) == ("keys/public_keys.json", "digest")
    rewrite_manifest(folder)
    report = verify(folder)
    assert (report.problem.path, report.problem.code) == ("signatures/MS-2026-NK-000001.json", "signature_key")


def test_a_missing_file_and_an_added_file_are_named(folder: Path):
    (folder / "notes.txt").write_text("added later")
    assert problem(folder) == ("notes.txt", "unlisted")
    (folder / "notes.txt").unlink()
    (folder / "signatures" / "MS-2026-NK-000003.json").unlink()
    assert problem(folder) == ("signatures/MS-2026-NK-000003.json", "missing")


def test_no_manifest_or_no_package_is_named(folder: Path, tmp_path: Path):
    assert problem(tmp_path / "nowhere") == (str(tmp_path / "nowhere"), "not_found")
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    assert problem(tmp_path / "x.zip") == (str(tmp_path / "x.zip"), "not_package")
    (folder / "manifest.sha256").unlink()
    assert problem(folder) == ("manifest.sha256", "manifest_missing")


def test_a_manifest_naming_a_path_outside_the_package_is_refused(folder: Path):
    manifest = folder / "manifest.sha256"
    manifest.write_text(manifest.read_text() + f"{'0' * 64}  ../etc/passwd\n")
    assert problem(folder) == ("manifest.sha256", "manifest_format")


def test_a_signature_already_invalid_at_export_is_carried_and_warned_not_failed(tmp_path: Path, signers):
    item = dossiers(1, signers)[0]
    edited = replace(item.signed[0], comment="改过的意见")       # the comment edited after signing
    write(tmp_path / "p", [replace(item, signed=(edited, item.signed[1]))], signers)
    report = verify(tmp_path / "p")
    assert report.ok
    assert [(w.path, w.code) for w in report.warnings] == [("signatures/MS-2026-NK-000001.json",
                                                           "signature_invalid_at_export")]


def test_a_destination_that_appeared_meanwhile_is_never_overwritten(tmp_path: Path, signers):
    dest = tmp_path / "p"
    writer = PackageWriter(open_sink(dest, AT))
    writer.add(dossiers(1, signers)[0], {s.key.key_id: s.key for s in signers})
    dest.mkdir()
    with pytest.raises(FileExistsError):
        writer.sink.finish()
    writer.sink.abandon()
    assert list(tmp_path.iterdir()) == [dest] and not list(dest.iterdir())


def rewrite_manifest(folder: Path) -> None:
    digests = {p.relative_to(folder).as_posix(): package.sha256(p.read_bytes())
               for p in folder.rglob("*") if p.is_file() and p.name != "manifest.sha256"}
    (folder / "manifest.sha256").write_bytes(package.manifest_text(digests))


def test_one_byte_changed_inside_a_zip_is_named_by_the_zips_own_check(tmp_path: Path, signers):
    dest = tmp_path / "p.zip"
    write(dest, dossiers(2, signers), signers)
    data = bytearray(dest.read_bytes())
    with zipfile.ZipFile(dest) as archive:
        entry = archive.getinfo("dossiers/MS-2026-NK-000002.pdf")
    data[entry.header_offset + 30 + len(entry.filename.encode()) + 50] ^= 0x01    # inside the stored PDF
    dest.write_bytes(bytes(data))
    assert problem(dest) == ("dossiers/MS-2026-NK-000002.pdf", "damaged")
