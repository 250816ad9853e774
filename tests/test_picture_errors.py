"""A case's picture is refused when its header claims more pixels than a browser should decode
(a decompression bomb is a few bytes claiming gigabytes), or cannot be read; with the case
file, line, field and the largest size allowed. Read from the header, never decoded."""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.reading.corpus import read_cases
from generator.reading.picture_sizes import StatedSize, is_whole, stated_size
from generator.reading.registry import load_registry
from generator.site import i18n

from .conftest import FIXTURES

CASE = "municipalities/pitea-test.yml"
PICTURE = "municipalities/images/testbild.png"


def png_claiming(width: int, height: int, frames: int = 1) -> bytes:
    """A PNG whose IHDR claims `width` x `height` (and an animation's acTL `frames`), every
    CRC right: 57 bytes, as the one from the issue (an empty IDAT: nothing decodes it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    animation = chunk(b"acTL", struct.pack(">II", frames, 0)) if frames > 1 else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0,
                                                               0, 0, 0))
            + animation + chunk(b"IDAT", b"") + chunk(b"IEND", b""))


def encoded(size: tuple[int, int], kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, kind, **options)
    return buffer.getvalue()


def problems_with(tmp_path: Path, picture: bytes | None, lang: str = "en",
                  suffix: str = ".png") -> list[str]:
    """Validate the fixture case whose picture is replaced by `picture` (a file with
    `suffix`, which the case then names), as `validate` would."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini" / "municipalities", root / "municipalities")
    if picture is not None:
        (root / PICTURE).unlink()
        (root / PICTURE).with_suffix(suffix).write_bytes(picture)
        case = root / CASE
        case.write_text(case.read_text(encoding="utf-8").replace(
            PICTURE, PICTURE[:-4] + suffix), encoding="utf-8")
    _, problems = read_cases([root / CASE], root, load_registry())
    gettext = i18n.cli_translations(lang).gettext
    return [problem.render(gettext, lang) for problem in problems]


def picture_line() -> int:
    text = (FIXTURES / "mini" / CASE).read_text(encoding="utf-8")
    return text[:text.index(f"file: {PICTURE}")].count("\n") + 1


def test_a_57_byte_png_claiming_100000_pixels_square_is_refused(tmp_path: Path) -> None:
    bomb = png_claiming(100_000, 100_000)
    assert len(bomb) == 57
    assert problems_with(tmp_path, bomb) == [
        f"{CASE}:{picture_line()}:9: image.file: the picture says it is 100000 × 100000 pixels; "
        "a picture is at most 10000 pixels wide and high, and 40 megapixels in "
        "all: save it smaller (2000 pixels across is plenty for a web page)"]
    swedish = problems_with(tmp_path / "sv", bomb, "sv")
    assert len(swedish) == 1 and "100000 × 100000 pixlar" in swedish[0]


@pytest.mark.parametrize(("size", "kind", "options"), [
    ((20_000, 10), "PNG", {}), ((10, 10_001), "JPEG", {}), ((12_000, 8), "WEBP", {}),
    ((9_000, 9), "WEBP", {"lossless": True}),
])
def test_too_many_pixels_in_any_format_are_refused(tmp_path: Path, size: tuple[int, int],
                                                   kind: str, options: dict[str, object]
                                                   ) -> None:
    """Real files of each format, too wide, too high, or too many pixels in all."""
    data = encoded(size, kind, **options)
    stated = stated_size(data, ".jpg" if kind == "JPEG" else f".{kind.lower()}")
    assert stated == StatedSize(*size)
    if max(size) > 10_000 or size[0] * size[1] > 40_000_000:
        suffix = ".jpg" if kind == "JPEG" else f".{kind.lower()}"
        root = tmp_path / "repo"
        shutil.copytree(FIXTURES / "mini" / "municipalities", root / "municipalities")
        (root / PICTURE).unlink()
        (root / PICTURE).with_suffix(suffix).write_bytes(data)
        case = root / CASE
        case.write_text(case.read_text(encoding="utf-8").replace(
            PICTURE, PICTURE.removesuffix(".png") + suffix), encoding="utf-8")
        _, problems = read_cases([case], root, load_registry())
        assert [problem.field for problem in problems] == ["image.file"]
        assert f"{size[0]} × {size[1]} pixels" in problems[0].render(str)


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_an_animation_counts_every_frame(tmp_path: Path, kind: str) -> None:
    """Each frame is decoded: 2000 x 2000 in 11 frames is 44 megapixels, too many; 10,000 x
    4,001 in one frame too."""
    frames = [Image.new("RGB", (50, 40), colour) for colour in ("red", "lime", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, kind, save_all=True, append_images=frames[1:])
    assert stated_size(buffer.getvalue(), f".{kind.lower()}") == StatedSize(50, 40, 3)
    found = problems_with(tmp_path / "a", png_claiming(2000, 2000, 11))
    assert len(found) == 1 and "2000 × 2000 pixels in each of 11 frames" in found[0]
    found = problems_with(tmp_path / "b", png_claiming(10_000, 4_001))
    assert len(found) == 1 and "10000 × 4001 pixels;" in found[0]


def test_a_fair_photo_and_the_fixture_pass(tmp_path: Path) -> None:
    assert problems_with(tmp_path / "a", None) == []
    assert problems_with(tmp_path / "b", png_claiming(6000, 4000)) == []  # 24 megapixels


def test_a_cut_header_is_not_a_picture(tmp_path: Path) -> None:
    assert problems_with(tmp_path, png_claiming(10, 10)[:20]) == [
        f'{CASE}:{picture_line()}:9: image.file: "{PICTURE}" is not a PNG picture; open it in '
        "an image program and save it as PNG again"]


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_a_picture_cut_short_is_refused_and_the_whole_one_passes(tmp_path: Path, kind: str
                                                                 ) -> None:
    """An upload or copy cut short keeps a good header but shows readers a broken picture."""
    suffix = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[kind]
    noise = Image.effect_noise((300, 300), 60).convert("RGB")  # does not compress to nothing
    buffer = io.BytesIO()
    noise.save(buffer, kind)
    whole = buffer.getvalue()
    assert problems_with(tmp_path / "whole", whole, suffix=suffix) == []
    assert problems_with(tmp_path / "cut", whole[:len(whole) // 2], suffix=suffix) == [
        f'{CASE}:{picture_line()}:9: image.file: "{PICTURE[:-4]}{suffix}" is cut short: the '
        f"end of the picture is missing; copy the whole file again, or open it in an image "
        f"program and save it as {suffix[1:].upper()} again"]


def test_a_jpeg_is_whole_by_its_frames_end_not_a_thumbnails_or_a_trailers() -> None:
    """An Exif thumbnail (a small JPEG inside APP1, before the frame) has its own end marker,
    and a phone's motion photo appends a video after the picture's end."""
    thumbnail = encoded((8, 8), "JPEG")
    photo = encoded((300, 300), "JPEG")
    app1 = b"\xff\xe1" + struct.pack(">H", len(thumbnail) + 2) + thumbnail
    with_thumbnail = photo[:2] + app1 + photo[2:]
    assert stated_size(with_thumbnail, ".jpg") == StatedSize(300, 300)
    assert is_whole(with_thumbnail, ".jpg")
    assert not is_whole(with_thumbnail[:len(app1) + len(photo) // 2], ".jpg")
    assert is_whole(photo + b"\x00\x00\x00\x18ftypmp42\xff\xda" + bytes(64), ".jpg")
    assert stated_size(photo[:photo.index(b"\xff\xc0") + 6], ".jpg") is None  # cut in frame


def test_a_picture_of_no_pixels_is_refused_as_empty_not_as_too_big(tmp_path: Path) -> None:
    assert problems_with(tmp_path, png_claiming(0, 600)) == [
        f"{CASE}:{picture_line()}:9: image.file: the picture says it is 0 × 600 pixels, so it "
        "shows nothing; open it in an image program and save it as PNG again"]


def test_an_unreadable_picture_is_an_error_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture the editor may not read (`chmod 000`; simulated, as tests may run as root,
    who reads any file)."""
    root = tmp_path / "repo"
    assert problems_with(tmp_path, None) == []
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == Path(PICTURE).name:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    _, found = read_cases([root / CASE], root, load_registry())
    assert [problem.render(str) for problem in found] == [
        f'{CASE}:{picture_line()}:9: image.file: "{PICTURE}" cannot be read: Permission '
        "denied; check that you may read the file"]
