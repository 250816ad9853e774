"""How large a picture says it is, read from its header without decoding a single pixel.

A picture is published as it is, and readers' browsers decode it: a 57-byte PNG can claim
100,000 x 100,000 pixels (40 GB once decoded), and an animation can multiply its frames. So
the size a file states is read here from the few bytes where each format states it (PNG's
IHDR and acTL, JPEG's start-of-frame marker, WebP's VP8/VP8L/VP8X chunks and its animation
frames), before anything decodes it; a library that opens the file to ask would already
allocate what it claims (Pillow's WebP reader sets up a canvas of the stated size).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


@dataclass(frozen=True)
class StatedSize:
    """What a picture's header says: its size in pixels and how many frames it shows."""

    width: int
    height: int
    frames: int = 1

    @property
    def pixels(self) -> int:
        """Every pixel a browser decodes to show it: all the frames of an animation."""
        return self.width * self.height * self.frames


def stated_size(data: bytes, suffix: str) -> StatedSize | None:
    """The size the header of a `.png`, `.jpg`/`.jpeg` or `.webp` file states; None when
    the header is not there or does not say (a cut or damaged file)."""
    reader = {".png": png_size, ".jpg": jpeg_size, ".jpeg": jpeg_size,
              ".webp": webp_size}.get(suffix)
    try:
        return reader(data) if reader else None
    except (struct.error, IndexError):
        return None


def png_size(data: bytes) -> StatedSize | None:
    """IHDR comes first (width and height, 4 bytes each); an animated PNG's acTL, before the
    first IDAT, says how many frames it has."""
    if data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    frames, at = 1, 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"acTL":
            frames = max(1, struct.unpack(">I", data[at + 8:at + 12])[0])
        if kind in (b"IDAT", b"IEND"):
            break
        at += 12 + length
    return StatedSize(width, height, frames)


#: JPEG's start-of-frame markers (C0-CF, except C4 DHT, C8 JPG and CC DAC): the frame's size.
JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: Markers that stand alone, without a length (TEM, RST0-7, SOI, EOI).
JPEG_STANDALONE = frozenset((0x01, *range(0xD0, 0xDA)))


def jpeg_size(data: bytes) -> StatedSize | None:
    """The size its start of frame states."""
    at = jpeg_frame_at(data)
    if at is None or at + 9 > len(data):
        return None
    height, width = struct.unpack(">HH", data[at + 5:at + 9])
    return StatedSize(width, height)


def jpeg_frame_at(data: bytes) -> int | None:
    """Where the first start of frame is: the segments after SOI, each `FF marker length`,
    are stepped over (an Exif thumbnail inside APP1 with them)."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill bytes before a marker
            at += 1
            continue
        if marker in JPEG_STANDALONE:
            at += 2
            continue
        if marker in JPEG_FRAMES:
            return at
        if marker == 0xDA:  # start of scan before any frame: not a JPEG a browser shows
            return None
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return None


def webp_size(data: bytes) -> StatedSize | None:
    """The first chunk after `RIFF size WEBP`: VP8X (the canvas, 24-bit sizes minus one, and
    whether it is animated), VP8 (a lossy frame: 14-bit sizes after its start code) or
    VP8L (a lossless one: 14-bit sizes minus one, packed after its signature byte)."""
    kind = data[12:16]
    if kind == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        animated = data[20] & 0x02
        return StatedSize(width, height, max(1, webp_frames(data)) if animated else 1)
    if kind == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return StatedSize(width & 0x3FFF, height & 0x3FFF)
    if kind == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return StatedSize((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    return None


def webp_frames(data: bytes) -> int:
    """The ANMF chunks (one per frame) of an animated WebP."""
    frames, at = 0, 12
    while at + 8 <= len(data):
        kind = data[at:at + 4]
        length = struct.unpack("<I", data[at + 4:at + 8])[0]
        frames += kind == b"ANMF"
        at += 8 + length + (length & 1)  # chunks are padded to an even length
    return frames


#: A PNG's last chunk, whole: IEND, no data, and its checksum.
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def is_whole(data: bytes, suffix: str) -> bool:
    """Whether the file runs to its format's end: an upload or copy cut short keeps a good
    header (so its stated size reads fine) but shows readers a broken picture. Only the end
    is looked at, nothing is decoded: a PNG's IEND chunk; a JPEG's end-of-image marker after
    its frame (an Exif thumbnail has one of its own, before the frame; a phone's motion
    photo appends a video after it); the length a WebP's RIFF header states."""
    if suffix == ".png":
        return PNG_END in data[-64:]
    if suffix in (".jpg", ".jpeg"):
        frame = jpeg_frame_at(data)
        return frame is not None and data.find(b"\xff\xd9", frame) != -1
    return len(data) >= 8 + int.from_bytes(data[4:8], "little")
