"""Draw the portal's mark (static/img/favicon.svg) as the raster files that need pixels.

    .venv/bin/python scripts/make_icons.py

writes static/img/favicon.ico (16, 32 and 48 px, for /favicon.ico) and static/img/share.png
(1200 x 630, the picture for events without photos in schema.org data and link previews).
Run it again after changing the mark; the output is committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

GREEN = "#00594f"
IMG = Path(__file__).resolve().parent.parent / "static" / "img"
SCALE = 8  # drawn large, then scaled down: smooth edges


def mark(size: int) -> Image.Image:
    """favicon.svg at ``size`` px: a rounded green square with a white triangle."""
    big = size * SCALE
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=6 * unit, fill=GREEN)
    draw.polygon(
        [(9 * unit, 22 * unit), (16 * unit, 8 * unit), (23 * unit, 22 * unit)], fill="white"
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def share_image() -> Image.Image:
    image = Image.new("RGB", (1200, 630), GREEN)
    icon = mark(360)
    image.paste(icon, ((1200 - 360) // 2, (630 - 360) // 2), icon)
    return image


if __name__ == "__main__":
    mark(48).save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    share_image().save(IMG / "share.png", optimize=True)
    print(f"wrote {IMG / 'favicon.ico'} and {IMG / 'share.png'}")
