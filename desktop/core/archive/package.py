"""档案包 Archive packages (issue 13 §3): dossiers taken out of the live database, in a form an
archivist can file and anyone can check years later without InterviewDesk's database.

A package is a folder, or the same tree in one .zip file:

    README.txt                 what the package holds and how to check it (Chinese)
    package.json               the export: range, department, who, when, how many
    manifest.sha256            SHA-256 of every other file, in `sha256sum` format
    dossiers/<档号>.pdf         the dossiers (PDF/A-1b)
    metadata/<档号>.xml         one metadata record per dossier (schema: metadata/schema.xsd)
    metadata/schema.xsd        the metadata's schema
    signatures/<档号>.json      each signed decision of the dossier: its fields, the exact signed text
                               and the Ed25519 signature
    keys/public_keys.json      the public keys of everyone who signed

The package's digest, kept in the archive register, is the SHA-256 of manifest.sha256: the manifest
covers every other file, so that one digest fixes the whole package.

The metadata follows DA/T 46-2009 (文书类电子文件元数据方案) in spirit: the elements are named in
Chinese after its items (题名, 档号, 责任者, 形成日期 (日期), 保管期限, 密级, 文件格式 (格式信息),
数字摘要, 关联关系 (关联), 计算机文件名, 计算机文件大小), in one flat record per dossier, documented by
the XSD shipped in every package (SCHEMA below). Files are written through a sink: into a hidden
partial folder (or file) beside the destination, renamed to the destination only when complete.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from desktop.core import signing

if TYPE_CHECKING:
    from desktop.core.archive.dossier import Dossier

FORMAT = "interviewdesk-archive-package/1"
MANIFEST = "manifest.sha256"
PACKAGE_INFO = "package.json"
README = "README.txt"
KEYS = "keys/public_keys.json"
SCHEMA_FILE = "metadata/schema.xsd"
PDF_FORMAT, PDF_STANDARD = "PDF/A-1b", "GB/T 23286.1-2009"
DIGEST_ALGORITHM = "SHA-256"
SIGNATURE_ALGORITHM = "Ed25519"


@dataclass(frozen=True)
class PublicKey:
    """One signer's public key as the package carries it."""

    key_id: str
    user_id: int
    username: str
    display_name: str
    public_key: str                  # raw 32 bytes, hex
    created_at: datetime
    retired_at: datetime | None = None
    retired_reason: str = ""


@dataclass(frozen=True)
class PackageInfo:
    exported_at: datetime
    exported_by: str
    date_from: date
    date_to: date
    department_code: str = ""
    institution: str = ""


@dataclass
class Written:
    """What went into a package: every file's digest, and per dossier its PDF's digest."""

    digests: dict[str, str] = field(default_factory=dict)
    dossiers: dict[int, str] = field(default_factory=dict)       # application id -> the PDF's SHA-256
    codes: list[str] = field(default_factory=list)
    key_ids: set[str] = field(default_factory=set)
    manifest_sha256: str = ""


# --- names --------------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\-]", re.UNICODE)


def file_stem(archive_code: str) -> str:
    """The 档号 as a file name on every system: characters a file name cannot hold become "_"."""
    stem = _UNSAFE.sub("_", archive_code).strip(".")
    return stem or "_"


def dossier_path(code: str) -> str:
    return f"dossiers/{file_stem(code)}.pdf"


def metadata_path(code: str) -> str:
    return f"metadata/{file_stem(code)}.xml"


def signatures_path(code: str) -> str:
    return f"signatures/{file_stem(code)}.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc_text(at: datetime | None) -> str | None:
    if at is None:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).isoformat()


# --- the files -----------------------------------------------------------------------------------------

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    """Text XML 1.0 can hold: control characters (which no archivist's field needs) become U+FFFD;
    markup characters are escaped by the serializer."""
    return _XML_FORBIDDEN.sub("\ufffd", str(value))


def _element(parent: ET.Element, name: str, value: object, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, name, {k: _xml_text(v) for k, v in attributes.items()})
    child.text = _xml_text(value)
    return child


def metadata_xml(dossier: Dossier, pdf_sha256: str) -> bytes:
    """The dossier's metadata record, UTF-8 with its declaration (schema: SCHEMA)."""
    root = ET.Element("电子文件元数据", {"方案": "InterviewDesk 面试档案元数据 1.0（参照 DA/T 46-2009）"})
    _element(root, "题名", dossier.title)
    _element(root, "档号", dossier.archive_code)
    _element(root, "责任者", dossier.creator)
    _element(root, "形成日期", dossier.formed_on.isoformat())
    _element(root, "保管期限", dossier.retention_label)
    _element(root, "密级", dossier.classification)
    _element(root, "文件格式", PDF_FORMAT, 标准=PDF_STANDARD)
    _element(root, "计算机文件名", dossier_path(dossier.archive_code))
    _element(root, "计算机文件大小", len(dossier.pdf), 单位="字节")
    _element(root, "页数", dossier.pages)
    _element(root, "数字摘要", pdf_sha256, 算法=DIGEST_ALGORITHM)
    _element(root, "来源数据摘要", dossier.source_sha256, 算法=DIGEST_ALGORITHM)
    _element(root, "部门代码", dossier.department_code)
    _element(root, "应聘编号", dossier.application_id)
    related = ET.SubElement(root, "关联关系")
    for reference in dossier.related:
        _element(related, "关联", reference)
    ET.SubElement(root, "签批", {"文件": signatures_path(dossier.archive_code), "数量": str(len(dossier.signed))})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def _signed_entry(decision: Any, keys: dict[str, PublicKey]) -> dict[str, Any]:
    text = signing.signed_text(decision.subject, decision.subject_id, decision.content_sha256, decision.verdict,
                               decision.comment, decision.signed_at, decision.signer_id, decision.key_id)
    key = keys.get(decision.key_id)
    valid = (key is not None and key.user_id == decision.signer_id
             and signing.verify_text(key.public_key, text, decision.signature))
    return {"subject": decision.subject, "subject_id": decision.subject_id, "signer_id": decision.signer_id,
            "signer_name": decision.signer_name, "key_id": decision.key_id,
            "content_sha256": decision.content_sha256, "verdict": decision.verdict, "comment": decision.comment,
            "signed_at": utc_text(decision.signed_at), "algorithm": SIGNATURE_ALGORITHM,
            "signed_text": text.decode("utf-8"), "signature": decision.signature,
            # a signature that did not verify in the database already (a comment edited after signing)
            # is carried as it is, marked, so that the package tells the truth instead of failing for it
            "verified_at_export": valid}


def signatures_json(dossier: Dossier, keys: dict[str, PublicKey]) -> bytes:
    document = {"档号": dossier.archive_code, "format": "interviewdesk-signatures/1",
                "signatures": [_signed_entry(d, keys) for d in dossier.signed]}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def keys_json(keys: Iterable[PublicKey]) -> bytes:
    document = {"format": "interviewdesk-public-keys/1", "algorithm": SIGNATURE_ALGORITHM,
                "key_id": "the first 32 hex digits of SHA-256 over the raw 32-byte public key",
                "keys": [{"key_id": k.key_id, "user_id": k.user_id, "user_name": k.username,
                          "display_name": k.display_name, "public_key": k.public_key,
                          "created_at": utc_text(k.created_at), "retired_at": utc_text(k.retired_at),
                          "retired_reason": k.retired_reason} for k in sorted(keys, key=lambda k: k.key_id)]}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def info_json(info: PackageInfo, count: int) -> bytes:
    document = {"format": FORMAT, "exported_at": utc_text(info.exported_at), "exported_by": info.exported_by,
                "date_from": info.date_from.isoformat(), "date_to": info.date_to.isoformat(),
                "department_code": info.department_code, "institution": info.institution, "dossiers": count,
                "manifest": MANIFEST, "digest_algorithm": DIGEST_ALGORITHM}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest_text(digests: dict[str, str]) -> bytes:
    """`sha256sum` format ("<hex>  <path>"), sorted by path, so `sha256sum -c manifest.sha256` checks it."""
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests)).encode("utf-8")


# --- sinks: where the files go until the package is complete ---------------------------------------------

class Sink(ABC):
    """Files written under a hidden partial name beside `final`; `finish` renames, `abandon` removes."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.partial = final.parent / f".{final.name}.partial"
        final.parent.mkdir(parents=True, exist_ok=True)

    @abstractmethod
    def put(self, name: str, data: bytes) -> None:
        """Write one file of the package (`name` is its path inside, with "/")."""

    @abstractmethod
    def finish(self) -> None:
        """Give the complete package its name."""

    def _rename(self) -> None:
        if self.final.exists():              # POSIX rename would replace an empty folder or a file silently
            raise FileExistsError(errno.EEXIST, "destination exists")
        os.rename(self.partial, self.final)

    def abandon(self) -> None:
        """Remove whatever was written: nothing that looks like a package is left."""
        for path in (self.partial,):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def remove_final(self) -> None:
        """After a rename whose register row could not be committed: the package goes again."""
        if self.final.is_dir():
            shutil.rmtree(self.final, ignore_errors=True)
        else:
            self.final.unlink(missing_ok=True)


class FolderSink(Sink):
    def __init__(self, final: Path) -> None:
        super().__init__(final)
        self.abandon()                       # a partial left by a crashed export of the same name
        self.partial.mkdir()

    def put(self, name: str, data: bytes) -> None:
        path = self.partial / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)

    def finish(self) -> None:
        self._rename()


class ZipSink(Sink):
    def __init__(self, final: Path, stamp: datetime) -> None:
        super().__init__(final)
        self.abandon()
        self.stamp = stamp.timetuple()[:6]
        self.zip = zipfile.ZipFile(self.partial, "x", allowZip64=True)

    def put(self, name: str, data: bytes) -> None:
        entry = zipfile.ZipInfo(name, date_time=self.stamp)
        entry.compress_type = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
        self.zip.writestr(entry, data)

    def finish(self) -> None:
        self.zip.close()
        with open(self.partial, "rb+") as fh:
            os.fsync(fh.fileno())
        self._rename()

    def abandon(self) -> None:
        archive = getattr(self, "zip", None)
        if archive is not None and archive.fp is not None:
            try:
                archive.close()
            except (OSError, ValueError):   # the disk that filled up may refuse the directory too
                pass
        super().abandon()


def open_sink(destination: Path, stamp: datetime) -> Sink:
    return ZipSink(destination, stamp) if destination.suffix.lower() == ".zip" else FolderSink(destination)


# --- writing a package -----------------------------------------------------------------------------------

class PackageWriter:
    """Adds dossiers one by one (so a long export can report progress and be cancelled), then the
    keys, the README, the export's description and the manifest."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.written = Written()

    def _put(self, name: str, data: bytes) -> str:
        self.sink.put(name, data)
        digest = self.written.digests[name] = sha256(data)
        return digest

    def add(self, dossier: Dossier, keys: dict[str, PublicKey]) -> str:
        """Write one dossier's PDF, metadata and signatures; returns the PDF's SHA-256."""
        if dossier_path(dossier.archive_code) in self.written.digests:
            raise ValueError(f"archive code twice in one package: application {dossier.application_id}")
        digest = self._put(dossier_path(dossier.archive_code), dossier.pdf)
        self._put(metadata_path(dossier.archive_code), metadata_xml(dossier, digest))
        self._put(signatures_path(dossier.archive_code), signatures_json(dossier, keys))
        self.written.dossiers[dossier.application_id] = digest
        self.written.codes.append(dossier.archive_code)
        self.written.key_ids.update(d.key_id for d in dossier.signed)
        return digest

    def close(self, info: PackageInfo, keys: Sequence[PublicKey]) -> Written:
        self._put(KEYS, keys_json(k for k in keys if k.key_id in self.written.key_ids))
        self._put(SCHEMA_FILE, SCHEMA.encode("utf-8"))
        self._put(PACKAGE_INFO, info_json(info, len(self.written.codes)))
        self._put(README, readme_text(info, len(self.written.codes)).encode("utf-8"))
        manifest = manifest_text(self.written.digests)
        self.sink.put(MANIFEST, manifest)
        self.written.manifest_sha256 = sha256(manifest)
        return self.written


def readme_text(info: PackageInfo, count: int) -> str:
    scope = f"，部门 {info.department_code}（含下级部门）" if info.department_code else ""
    return README_TEMPLATE.format(count=count, first=info.date_from.isoformat(), last=info.date_to.isoformat(),
                                  scope=scope, institution=info.institution or "—", by=info.exported_by,
                                  at=utc_text(info.exported_at), manifest=MANIFEST, keys=KEYS)


README_TEMPLATE = """\
面试档案包（InterviewDesk 面试协同台 导出）
==========================================

导出单位：{institution}
导出人：{by}
导出时间（UTC）：{at}
范围：形成日期 {first} 至 {last}{scope}
面试档案数量：{count}

一、包内文件
  README.txt                 本说明
  package.json               本次导出的说明（范围、导出人、时间、数量）
  {manifest}            除本文件外每个文件的 SHA-256 数字摘要（sha256sum 格式）
  dossiers/<档号>.pdf         面试档案，PDF/A-1b（GB/T 23286.1）
  metadata/<档号>.xml         每份档案的元数据：题名、档号、责任者、形成日期、保管期限、密级、
                             文件格式、数字摘要（SHA-256）、关联关系等；结构见 metadata/schema.xsd
                             （元素名称参照 DA/T 46-2009《文书类电子文件元数据方案》）
  signatures/<档号>.json      档案中每一项签批：签批内容、被签名的原文（signed_text）和签名
  {keys}      所有签批人的公钥（Ed25519），含密钥编号、用户名、启用和停用日期

二、整包数字摘要
  {manifest} 本身的 SHA-256 即“整包摘要”，登记在导出系统的档案导出登记中。
  先核对整包摘要与登记一致，再按下文逐个核对文件，即可确认包内容自导出后未被改动。

三、用 InterviewDesk 校验
  interviewdesk archive verify <本包文件夹或 .zip 文件>
  无需数据库。全部通过时退出码为 0；否则退出码为 1，并指出第一个未通过的文件或签名。
  也可在“档案 → 档案包 → 校验档案包”中选择本包校验。

四、不用 InterviewDesk 校验
  1. 文件摘要（.zip 请先解压）：
       Linux / macOS：  sha256sum -c {manifest}
       Windows：        certutil -hashfile dossiers\\<档号>.pdf SHA256
                        或 PowerShell：Get-FileHash -Algorithm SHA256 <文件>
     逐个与 {manifest} 中的值比较；清单之外不应有其他文件（本说明和清单自身除外）。
  2. 元数据：metadata/<档号>.xml 中“数字摘要”（算法 SHA-256）应等于对应 PDF 的摘要。
  3. 签批签名（Ed25519，RFC 8032）：signatures/<档号>.json 中每一项的 signed_text 是签名所覆盖的
     原文（UTF-8 字节，JSON，键按字母排序、无空格），其中的 subject、subject_id、content_sha256
     （被审批内容的摘要）、verdict（结论）、comment（意见）、signed_at（时间）、signer_id、
     key_id 应与同一项中的字段一致。用 keys/public_keys.json 中同一 key_id 的公钥（十六进制，
     32 字节）验证 signature（十六进制，64 字节）。密钥编号 key_id 是公钥 SHA-256 的前 32 位十六进制，
     可据此确认公钥文件未被替换。用 OpenSSL 3 验证一项：
       echo 302a300506032b6570032100<公钥> | xxd -r -p > key.der
       openssl pkey -pubin -inform DER -in key.der -out key.pem
       printf '%s' '<signed_text 原文>' > text.bin
       echo <signature> | xxd -r -p > sig.bin
       openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in text.bin -sigfile sig.bin
     “verified_at_export”为 false 的签名在导出时已不能通过验证（签批后内容被改动），如实保留。
"""


SCHEMA = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- InterviewDesk 面试档案元数据方案 1.0：每份面试档案一个记录，元素名称参照 DA/T 46-2009。 -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:simpleType name="摘要值">
    <xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction>
  </xs:simpleType>
  <xs:complexType name="摘要">
    <xs:simpleContent>
      <xs:extension base="摘要值">
        <xs:attribute name="算法" type="xs:string" use="required" fixed="SHA-256"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="电子文件元数据">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="题名" type="xs:string"/>
        <xs:element name="档号" type="xs:string"/>
        <xs:element name="责任者" type="xs:string"/>
        <xs:element name="形成日期" type="xs:date"/>
        <xs:element name="保管期限" type="xs:string"/>
        <xs:element name="密级" type="xs:string"/>
        <xs:element name="文件格式">
          <xs:complexType>
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="标准" type="xs:string" use="required"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:element>
        <xs:element name="计算机文件名" type="xs:string"/>
        <xs:element name="计算机文件大小">
          <xs:complexType>
            <xs:simpleContent>
              <xs:extension base="xs:nonNegativeInteger">
                <xs:attribute name="单位" type="xs:string" use="required" fixed="字节"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:element>
        <xs:element name="页数" type="xs:nonNegativeInteger"/>
        <xs:element name="数字摘要" type="摘要"/>
        <xs:element name="来源数据摘要" type="摘要"/>
        <xs:element name="部门代码" type="xs:string"/>
        <xs:element name="应聘编号" type="xs:positiveInteger"/>
        <xs:element name="关联关系">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="关联" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="签批">
          <xs:complexType>
            <xs:attribute name="文件" type="xs:string" use="required"/>
            <xs:attribute name="数量" type="xs:nonNegativeInteger" use="required"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="方案" type="xs:string"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""
