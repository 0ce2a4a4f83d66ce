"""Uploaded slides are written anew: what is stripped, what stays, what is refused."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import modelform_factory
from pikepdf import Array, Dictionary, Name, String

from events.forms import SlidesForm
from events.models import Slides
from tests.events.factories import EventFactory, active_content

pytestmark = pytest.mark.django_db

NOT_A_PDF = "konnte nicht als PDF gelesen werden"


def _upload(content: bytes):
    """The slides form as staff submit it; returns (form, stored bytes or None)."""
    form_class = modelform_factory(Slides, form=SlidesForm, fields=["title", "file", "position"])
    form = form_class(
        data={"title": "Folien", "position": 0},
        files={"file": SimpleUploadedFile("folien.pdf", content, "application/pdf")},
        instance=Slides(event=EventFactory(past=True)),
    )
    if not form.is_valid():
        return form, None
    slides = form.save()
    with slides.file.open("rb") as stored:
        return form, stored.read()


def _written(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_javascript_chained_behind_a_link_is_removed_and_the_link_stays():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    link = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=[0, 0, 100, 100],
        A=Dictionary(S=Name.URI, URI=String("https://sozial-innovativ.example/"), Next=[script]),
    )
    pdf.pages[0].obj.Annots = Array([link])
    _, stored = _upload(_written(pdf))
    assert stored is not None and active_content(stored) == []
    with pikepdf.open(io.BytesIO(stored)) as kept:
        action = kept.pages[0].obj.Annots[0].A
        assert str(action.URI) == "https://sozial-innovativ.example/"
        assert dict(action.Next[0]) == {}


def test_document_metadata_and_other_name_trees_are_dropped_but_link_targets_stay():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Metadata = pdf.make_stream(b"<x:xmpmeta>Autorin: Erika Muster</x:xmpmeta>")
    pdf.Root.Names = Dictionary(
        Dests=Dictionary(Names=Array([String("start"), Array([pdf.pages[0].obj, Name.Fit])])),
        Templates=Dictionary(Names=Array([String("vorlage"), pdf.pages[0].obj])),
    )
    _, stored = _upload(_written(pdf))
    assert stored is not None
    with pikepdf.open(io.BytesIO(stored)) as kept:
        assert "/Metadata" not in kept.Root
        assert set(kept.Root.Names.keys()) == {"/Dests"}


def test_a_pdf_without_pages_is_refused():
    form, stored = _upload(_written(pikepdf.new()))
    assert stored is None and NOT_A_PDF in " ".join(form.errors["file"])


def test_a_pdf_that_cannot_be_written_anew_is_refused_with_the_same_advice(monkeypatch):
    """qpdf can read some files it cannot write back (a broken object deep inside)."""

    def cannot_write(self, *args, **kwargs):
        raise pikepdf.PdfError("object 7 0: unable to write")

    pdf = pikepdf.new()
    pdf.add_blank_page()
    data = _written(pdf)
    monkeypatch.setattr(pikepdf.Pdf, "save", cannot_write)
    form, stored = _upload(data)
    assert stored is None and NOT_A_PDF in " ".join(form.errors["file"])


def test_markup_that_cannot_be_compressed_away_is_refused():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    image = pdf.make_stream(b"<html><script>alert(1)</script></html>")
    image.Filter = Name.DCTDecode  # kept as it is: qpdf does not re-encode JPEG data
    pdf.pages[0].obj.Resources = Dictionary(XObject=Dictionary(Im1=image))
    form, stored = _upload(_written(pdf))
    assert stored is None and NOT_A_PDF in " ".join(form.errors["file"])
