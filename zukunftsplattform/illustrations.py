"""Pictures for the demo data, drawn here: no photo agency, no third party, no licence doubt.

Every picture is generated from a seed, so the demo looks the same on every machine. They are
the project's own work and, like the code, free to reuse (README, "Demo data"). Each returns
PNG bytes, which the demo then passes through the same validation and re-encoding as an
upload (``zukunftsplattform.images``): :func:`rendered`.

Drawing and encoding are pure, and the slowest part of loading the demo; each process does
them once per picture (``functools.cache``), so a test run that loads the demo many times
draws each picture once per worker.
"""

import functools
import io
import random
import uuid
from typing import cast

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from zukunftsplattform.images import Rendition, render

#: The credit line shown with every drawn picture: the project's own work.
CREDIT = "Illustration: Zukunftsplattform"

#: Calm colour families (sky, hills, accent) that keep white text and dark outlines legible.
PALETTES = [
    ("#dff1ee", "#00594f", "#f2b134"),
    ("#e7eefb", "#1f4e99", "#e4572e"),
    ("#fbeee3", "#9a4d1f", "#2f8f83"),
    ("#efe9f7", "#5b3f8c", "#f2b134"),
    ("#e9f4e2", "#3c7a2a", "#d94f70"),
    ("#fdf3d8", "#8a6d00", "#2e6fb7"),
]
SKIN = ["#f4d3b8", "#e2b48e", "#c68a5e", "#8d5a3b", "#5e3a25"]
HAIR = ["#2b2118", "#5a3b22", "#a0672c", "#d9b36c", "#8c8c8c", "#1c1c1c"]


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _person(draw: ImageDraw.ImageDraw, x: float, ground: float, size: float, rng, colour: str):
    """A standing figure: body, head, hair."""
    head = size * 0.22
    body_top = ground - size * 0.62
    draw.rounded_rectangle(
        (x - size * 0.2, body_top, x + size * 0.2, ground), radius=size * 0.12, fill=colour
    )
    cy = body_top - head * 1.05
    draw.ellipse((x - head, cy - head, x + head, cy + head), fill=rng.choice(SKIN))
    draw.chord(
        (x - head * 1.05, cy - head * 1.1, x + head * 1.05, cy + head * 0.6),
        180,
        360,
        fill=rng.choice(HAIR),
    )


@functools.cache
def cover(seed: int, width: int = 1600, height: int = 900) -> bytes:
    """A flat landscape of the region: sky, sun, hills, a few houses and people meeting."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    sky, main, accent = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    sun = rng.uniform(0.15, 0.85) * width
    draw.ellipse((sun - 90, 90, sun + 90, 270), fill=accent)
    # Three layers of hills, lighter in the distance.
    for layer, (base, shade) in enumerate([(0.55, 0.55), (0.68, 0.78), (0.8, 1.0)]):
        points: list[tuple[float, float]] = [(0, height)]
        for step in range(9):
            x = step * width / 8
            y = height * (base + rng.uniform(-0.06, 0.06))
            points.append((x, y))
        points.append((width, height))
        colour = cast(tuple[int, int, int], Image.new("RGB", (1, 1), main).getpixel((0, 0)))
        mix = tuple(
            int(c * shade + s * (1 - shade)) for c, s in zip(colour, (255, 255, 255), strict=True)
        )
        draw.polygon(points, fill=mix)
        if layer == 1:  # houses on the middle hills
            for _ in range(rng.randint(2, 4)):
                hx = rng.uniform(0.08, 0.92) * width
                hy = height * (base + 0.02)
                w = rng.uniform(70, 120)
                draw.rectangle((hx - w / 2, hy - w * 0.8, hx + w / 2, hy), fill="#ffffff")
                draw.polygon(
                    [
                        (hx - w * 0.62, hy - w * 0.8),
                        (hx, hy - w * 1.35),
                        (hx + w * 0.62, hy - w * 0.8),
                    ],
                    fill=accent,
                )
                draw.rectangle((hx - w * 0.12, hy - w * 0.38, hx + w * 0.12, hy), fill=main)
    # People meeting in the foreground.
    ground = height * 0.97
    count = rng.randint(3, 5)
    start = rng.uniform(0.2, 0.45) * width
    for n in range(count):
        _person(
            draw,
            start + n * 150,
            ground,
            rng.uniform(230, 300),
            rng,
            rng.choice([accent, "#ffffff", sky]),
        )
    return _png(image)


@functools.cache
def portrait(seed: int, size: int = 600) -> bytes:
    """A head-and-shoulders portrait in flat colours (the demo people are fictional)."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    background, main, accent = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    centre = size / 2
    draw.ellipse(
        (size * 0.12, size * 0.66, size * 0.88, size * 1.3), fill=rng.choice([main, accent])
    )
    draw.rectangle(
        (centre - size * 0.07, size * 0.5, centre + size * 0.07, size * 0.72), fill=rng.choice(SKIN)
    )
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR)
    head = (centre - size * 0.17, size * 0.22, centre + size * 0.17, size * 0.64)
    if rng.random() < 0.5:  # long hair behind the head
        draw.rounded_rectangle(
            (head[0] - size * 0.04, head[1] - size * 0.02, head[2] + size * 0.04, size * 0.72),
            radius=size * 0.12,
            fill=hair,
        )
    draw.ellipse(head, fill=skin)
    draw.chord(
        (head[0] - 4, head[1] - size * 0.03, head[2] + 4, head[1] + size * 0.26),
        180,
        360,
        fill=hair,
    )
    eye_y = size * 0.43
    for dx in (-0.065, 0.065):
        draw.ellipse(
            (centre + dx * size - 7, eye_y - 7, centre + dx * size + 7, eye_y + 7), fill="#1f1f1f"
        )
    draw.arc((centre - 32, size * 0.47, centre + 32, size * 0.55), 20, 160, fill="#1f1f1f", width=5)
    return _png(image)


@functools.cache
def logo(text: str, colour: str, size: int = 240) -> bytes:
    """A plain logo: the initials on the organisation's colour."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=int(size * 0.37))
    initials = "".join(word[0] for word in text.replace("/", " ").split()[:3] if word[0].isalnum())
    draw.text((size / 2, size / 2), initials[:3].upper(), fill="white", font=font, anchor="mm")
    return _png(image)


@functools.cache
def _encoded(png: bytes, rendition: Rendition) -> bytes:
    return render(Image.open(io.BytesIO(png)), rendition).read()


def rendered(png: bytes, rendition: Rendition) -> ContentFile:
    """A drawn picture re-encoded like every upload (``images.render``), under a new name."""
    return ContentFile(_encoded(png, rendition), name=f"{uuid.uuid4().hex}.webp")
