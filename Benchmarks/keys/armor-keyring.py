#!/usr/bin/env python3
"""Turns a binary OpenPGP keyring into armored text, one block per transferable key (as keys
are posted), with the CRC-24 line. --mangle spaces|nolines applies what scrapes do: line breaks
collapsed to spaces, or removed. Usage: armor-keyring.py KEYRING.gpg [--mangle M] > OUT.asc
"""
import base64
import struct
import sys


def _crc_table():
    table = []
    for byte in range(256):
        crc = byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
        table.append(crc & 0xFFFFFF)
    return table


CRC_TABLE = _crc_table()


def crc24(data):
    crc = 0xB704CE
    table = CRC_TABLE
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFF) ^ table[((crc >> 16) ^ byte) & 0xFF]
    return crc


def packets(data):
    """Yields (tag, start, end) for each packet of a keyring (old and new headers)."""
    i = 0
    while i < len(data):
        start = i
        h = data[i]
        i += 1
        if h & 0x40:
            tag = h & 0x3F
            o = data[i]
            if o < 192:
                length, i = o, i + 1
            elif o < 224:
                length, i = ((o - 192) << 8) + data[i + 1] + 192, i + 2
            elif o == 255:
                length, i = struct.unpack(">I", data[i + 1:i + 5])[0], i + 5
            else:
                raise ValueError("partial lengths do not occur in keyrings")
        else:
            tag = (h >> 2) & 0xF
            n = {0: 1, 1: 2, 2: 4}[h & 3]
            length = int.from_bytes(data[i:i + n], "big")
            i += n
        i += length
        yield tag, start, i


def main():
    data = open(sys.argv[1], "rb").read()
    mangle = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--mangle" else None
    starts = [s for tag, s, _ in packets(data) if tag == 6] + [len(data)]
    out = sys.stdout
    for a, b in zip(starts, starts[1:]):
        key = data[a:b]
        body = base64.b64encode(key).decode()
        lines = ["-----BEGIN PGP PUBLIC KEY BLOCK-----", ""]
        lines += [body[i:i + 64] for i in range(0, len(body), 64)]
        lines += ["=" + base64.b64encode(struct.pack(">I", crc24(key))[1:]).decode(),
                  "-----END PGP PUBLIC KEY BLOCK-----"]
        sep = {"spaces": " ", "nolines": ""}.get(mangle, "\n")
        out.write(sep.join(lines) + "\n")


if __name__ == "__main__":
    main()
