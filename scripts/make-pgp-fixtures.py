#!/usr/bin/env python3
"""Builds the synthetic OpenPGP fixtures that GnuPG 2.2 cannot serve as an oracle for:
a v3 (PGP 2) RSA key and a v5 EdDSA key with an ECDH subkey. The expected fingerprints and key
IDs are computed here independently of the Swift code, with Python's hashlib:
  v3: MD5 over the RSA modulus and exponent octets; key ID = low 64 bits of the modulus;
  v5: SHA-256 over 0x9A, a four-octet length and the packet body; key ID = first 8 octets.
Deterministic (fixed seed), so re-running rewrites identical files.
Usage: scripts/make-pgp-fixtures.py Tests/OpenPGPKeysTests/Fixtures
"""
import base64
import hashlib
import random
import struct
import sys


def crc24(data):
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def armor(data):
    body = base64.b64encode(data).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    crc = base64.b64encode(struct.pack(">I", crc24(data))[1:]).decode()
    return "\n".join(["-----BEGIN PGP PUBLIC KEY BLOCK-----", "Comment: synthetic test key", ""]
                     + lines + ["=" + crc, "-----END PGP PUBLIC KEY BLOCK-----", ""])


def old_packet(tag, body):
    return bytes([0x80 | (tag << 2) | 1]) + struct.pack(">H", len(body)) + body


def new_packet(tag, body):
    assert len(body) < 8384
    if len(body) < 192:
        length = bytes([len(body)])
    else:
        n = len(body) - 192
        length = bytes([(n >> 8) + 192, n & 0xFF])
    return bytes([0xC0 | tag]) + length + body


def mpi(value_bytes):
    value_bytes = value_bytes.lstrip(b"\0")
    bits = (len(value_bytes) - 1) * 8 + value_bytes[0].bit_length()
    return struct.pack(">H", bits) + value_bytes


def bits_of(value_bytes):
    value_bytes = value_bytes.lstrip(b"\0")
    return (len(value_bytes) - 1) * 8 + value_bytes[0].bit_length()


def main(out_dir):
    rng = random.Random(9580)
    rows = []

    # v3 RSA-1024 key, old-format packets, as PGP 2.6 made them.
    created = 812_000_000  # 1995-09-25
    n = (rng.getrandbits(1024) | (1 << 1023) | 1).to_bytes(128, "big")
    e = (65537).to_bytes(3, "big")
    body = bytes([3]) + struct.pack(">IH", created, 0) + bytes([1]) + mpi(n) + mpi(e)
    uid = b"PGP Two <pgp2@example.invalid>"
    data = old_packet(6, body) + old_packet(13, uid)
    fpr = hashlib.md5(n + e).hexdigest().upper()
    rows.append([fpr, n[-8:].hex().upper(), "3", "1", "RSA", str(bits_of(n)), "", str(created),
                 uid.decode()])
    with open(f"{out_dir}/synthetic-v3-rsa1024.asc", "w") as f:
        f.write(armor(data))

    # v5 EdDSA (legacy Ed25519) primary with a v5 ECDH Curve25519 subkey, new-format packets.
    created = 1_600_000_000  # 2020-09-13
    ed_oid = bytes.fromhex("2B06010401DA470F01")
    cv_oid = bytes.fromhex("2B060104019755010501")
    point = b"\x40" + bytes(rng.getrandbits(8) for _ in range(32))
    material = bytes([len(ed_oid)]) + ed_oid + mpi(point)
    primary = bytes([5]) + struct.pack(">I", created) + bytes([22]) + struct.pack(">I", len(material)) + material
    point2 = b"\x40" + bytes(rng.getrandbits(8) for _ in range(32))
    material2 = bytes([len(cv_oid)]) + cv_oid + mpi(point2) + bytes([3, 1, 8, 7])
    subkey = bytes([5]) + struct.pack(">I", created + 60) + bytes([18]) + struct.pack(">I", len(material2)) + material2
    uid = "Vé Five <v5@example.invalid>".encode()
    # A signature-shaped packet (tag 2) between user ID and subkey: skipped by the parser.
    data = new_packet(5 + 1, primary) + new_packet(13, uid) + new_packet(2, b"\x05" + bytes(40)) \
        + new_packet(14, subkey)
    for body, version_prefix, algo, name, curve, when, u in [
        (primary, b"\x9a", "22", "EdDSA", "ed25519", created, uid.decode()),
        (subkey, b"\x9a", "18", "ECDH", "cv25519", created + 60, uid.decode()),
    ]:
        digest = hashlib.sha256(version_prefix + struct.pack(">I", len(body)) + body).hexdigest().upper()
        rows.append([digest, digest[:16], "5", algo, name, "255", curve, str(when), u])
    with open(f"{out_dir}/synthetic-v5-eddsa-ecdh.asc", "w") as f:
        f.write(armor(data))

    with open(f"{out_dir}/synthetic-expected.tsv", "w") as f:
        f.write("# fingerprint\tkey_id\tversion\talgorithm_id\talgorithm\tbits\tcurve\tcreated\tuser_id\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Tests/OpenPGPKeysTests/Fixtures")
