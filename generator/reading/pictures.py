"""Pictures a case file names: in the repository, themselves, and what they say they are.

A picture is published as it is and opened on its own by readers, so it must be one browsers
show as a picture and nothing else: no SVG (a document that can hold scripts), no HTML file
named `.png`, no symbolic link to a file elsewhere, nothing from a hidden folder like `.git`,
and no file so large it would swamp the site, or that claims more pixels than a browser
should decode (`picture_sizes`: read from the header, before anything decodes it).
"""

from __future__ import annotations

from pathlib import Path

from .picture_sizes import is_whole, stated_size
from .problems import N_

#: Picture formats by suffix, with how their files start. No SVG: an SVG file is a document
#: that can hold scripts, which run when a reader opens the picture on its own.
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",), ".webp": (b"RIFF",),
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # a photo for the web is well under 1 MB
#: The most pixels a picture may state on either side, and in all (every frame of an
#: animation): a 24-megapixel camera's photo passes, a decompression bomb does not.
MAX_IMAGE_SIDE = 10_000
MAX_IMAGE_PIXELS = 40_000_000


def picture_problem(repo_root: Path, written: str
                    ) -> tuple[str, str, dict[str, object]] | None:
    """What is wrong with the picture at `written` (message, expected, parameters), if
    anything: outside the repository or hidden, a link, SVG, missing, too large, or not the
    format its suffix says."""
    resolved = (repo_root / written).resolve()
    root = repo_root.resolve()
    hidden = any(part.startswith(".") for part in Path(written).parts)
    if (written.startswith(("/", "\\")) or "://" in written or hidden
            or not resolved.is_relative_to(root)):
        return (N_('"{written}" is outside the repository'),
                N_("put the picture in municipalities/images/ and write that path"),
                {"written": written})
    if resolved != root / Path(written):
        return (N_('"{written}" is a symbolic link'),
                N_("put the picture itself in municipalities/images/"), {"written": written})
    suffix = resolved.suffix.lower()
    if suffix == ".svg":
        return (N_("SVG pictures are not accepted: they can hold scripts"),
                N_("save the picture as .png (drawings) or .jpg (photos)"), {})
    if suffix not in IMAGE_SIGNATURES or not resolved.is_file():
        return (N_('there is no picture at "{written}"'),
                N_("expected an existing .jpg, .png or .webp file"), {"written": written})
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (N_("the picture is {size} MB"), N_("a picture is at most {limit} MB: make it "
                                                  "smaller"),
                {"size": round(size / 1024 / 1024, 1), "limit": MAX_IMAGE_BYTES // 1024 // 1024})
    try:
        data = resolved.read_bytes()
    except OSError as error:
        return (N_('"{written}" cannot be read: {error}'),
                N_("check that you may read the file"),
                {"written": written, "error": error.strerror or str(error)})
    stated = stated_size(data, suffix)
    if (not data.startswith(IMAGE_SIGNATURES[suffix]) or stated is None
            or (suffix == ".webp" and data[8:12] != b"WEBP")):
        return (N_('"{written}" is not a {kind} picture'),
                N_("open it in an image program and save it as {kind} again"),
                {"written": written, "kind": suffix.lstrip(".").upper()})
    if not is_whole(data, suffix):
        return (N_('"{written}" is cut short: the end of the picture is missing'),
                N_("copy the whole file again, or open it in an image program and save it as "
                   "{kind} again"),
                {"written": written, "kind": suffix.lstrip(".").upper()})
    if not stated.width or not stated.height:
        return (N_("the picture says it is {width} × {height} pixels, so it shows nothing"),
                N_("open it in an image program and save it as {kind} again"),
                {"width": stated.width, "height": stated.height,
                 "kind": suffix.lstrip(".").upper()})
    if max(stated.width, stated.height) > MAX_IMAGE_SIDE or stated.pixels > MAX_IMAGE_PIXELS:
        return (N_("the picture says it is {width} × {height} pixels") if stated.frames == 1
                else N_("the picture says it is {width} × {height} pixels in each of {frames} "
                        "frames"),
                N_("a picture is at most {side} pixels wide and high, and {megapixels} "
                   "megapixels in all: save it smaller (2000 pixels across is plenty for a "
                   "web page)"),
                {"width": stated.width, "height": stated.height, "frames": stated.frames,
                 "side": MAX_IMAGE_SIDE, "megapixels": MAX_IMAGE_PIXELS // 1_000_000})
    return None
