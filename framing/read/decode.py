"""Bytes to text: binary files refused, the encoding sniffed (UTF-8, UTF-16 with a BOM, cp1252, and
UTF-8 with cp1252 holes), with a warning naming the file when it is not plain UTF-8.

>>> decode_bytes("café".encode("cp1252"), "a.txt")  # doctest: +SKIP
('café', 'cp1252')
"""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from ..exceptions import FramingWarning, ReadError

_CHUNK = 1 << 20
#: encoding -> codec for open() (utf-16: the codec reads the BOM itself)
_OPEN_AS = {"utf-8": "utf-8-sig", "utf-8+cp1252": "utf-8-sig"}


def _warn(msg: str, stacklevel: int = 3) -> None:
    """A FramingWarning pointing at the caller of the function that warns (one more level per helper)."""
    warnings.warn(msg, FramingWarning, stacklevel=stacklevel)


#: control bytes other than tab, line feed, form feed and carriage return
_CONTROL = bytes(b for b in range(256) if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)


def _check_binary(data: bytes, file: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise ReadError("binary file (NUL bytes), not an article", file=file)
    ctrl = len(sample) - len(sample.translate(None, _CONTROL))  # counted in C, not byte by byte
    if sample and ctrl / len(sample) > 0.05:
        raise ReadError("binary file (mostly non-text bytes), not an article", file=file)


def _cp1252_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252 (latin-1 for its 5 holes)."""
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


codecs.register_error("framing-cp1252", _cp1252_bytes)
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _counts(data: bytes) -> tuple[int, int, int]:
    """(UTF-8 multi-byte sequences, other high bytes, of which undefined in cp1252)."""
    rest = _UTF8_MULTI.sub(b"", data)
    return len(_UTF8_MULTI.findall(data)), len(_HIGH.findall(rest)), len(_CP1252_HOLES.findall(rest))


def _fallback(multi: int, bad: int, holes: int, file: str) -> str:
    """The encoding of a text that is not valid UTF-8, warned about. Mostly UTF-8 with a few stray bytes
    (a pasted cp1252 line): "utf-8+cp1252", the stray bytes alone being read as cp1252."""
    if multi and multi >= bad:
        _warn(f"{file}: not valid UTF-8 ({bad} stray byte(s)); decoded those bytes as cp1252")
        return "utf-8+cp1252"
    enc = "latin-1" if holes else "cp1252"
    _warn(f"{file}: not UTF-8; decoded as {enc}")
    return enc


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 (BOM stripped), else cp1252, else latin-1 with a FramingWarning.

    >>> decode_bytes("café".encode(), "a.txt")
    ('café', 'utf-8')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            text = data.decode("utf-16", errors="replace")
            _warn(f"{file}: not valid UTF-16 (a lone surrogate or an odd byte count); the bad code units "
                  "were replaced with U+FFFD")
            return text, "utf-16"
    _check_binary(data, file)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _fallback(*_counts(data), file)
    return data.decode("utf-8" if enc == "utf-8+cp1252" else enc, errors="framing-cp1252"), enc


def _utf8_split(chunk: bytes) -> tuple[bytes, bytes]:
    """(chunk, tail): a UTF-8 sequence cut by the end of the chunk is carried over to the next one."""
    for i in range(max(0, len(chunk) - 3), len(chunk)):
        lead = chunk[i]
        need = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if need and i + need > len(chunk):
            return chunk[:i], chunk[i:]
    return chunk, b""


def _strict_utf8(path: Path) -> bool:
    """True when the whole file is valid UTF-8: then :func:`_counts` finds no stray high byte either (every
    valid sequence is one of its multi-byte matches), so the sniffing can stop here, ten times faster."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            while data := fh.read(_CHUNK):
                decoder.decode(data)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False  # counted below; some of it may still be read as UTF-8
    return True


def _sniff_encoding(path: Path, file: str) -> str:
    """Encoding of a (possibly huge) row file, checked in chunks without holding it in memory (open it
    with errors="framing-cp1252")."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the BOM tells; its NUL bytes are not binary
    _check_binary(head, file)
    if _strict_utf8(path):
        return "utf-8"
    totals, tail = [0, 0, 0], b""
    with open(path, "rb") as fh:
        while True:
            data = fh.read(_CHUNK)
            chunk, tail = _utf8_split(tail + data) if data else (tail, b"")
            totals = [t + n for t, n in zip(totals, _counts(chunk))]
            if not data:
                break
    return "utf-8" if not totals[1] else _fallback(*totals, file)
