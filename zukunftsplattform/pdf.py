"""Uploaded PDFs (event slides): parsed strictly and written anew before anything stores them.

A file is accepted only if qpdf (through pikepdf) reads it without repairs. What it keeps is
a fresh file: nothing before the header or after the last ``%%EOF`` (where HTML/PDF
polyglots hide their markup), no JavaScript, no automatic or launch actions, no embedded
files, forms or document metadata, and every stream compressed, so no markup a browser
could sniff survives as plain bytes. Links (URI, go-to, named page actions) stay.
"""

import io
import re

import pikepdf
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

#: Keys whose value runs code, starts something on its own or carries other files.
DANGEROUS_KEYS = {
    "/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EmbeddedFile", "/EF",
    "/AcroForm", "/XFA", "/RichMediaContent", "/RichMediaSettings", "/Collection",
}  # fmt: skip
#: Actions that run code, open programs or other documents, send data or play media.
DANGEROUS_ACTIONS = {
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm", "/GoToE", "/GoToR",
    "/Rendition", "/Sound", "/Movie", "/RichMediaExecute", "/Hide", "/SetOCGState", "/Trans",
    "/GoTo3DView",
}  # fmt: skip
#: Annotations that are attachments or media players rather than links or notes.
DANGEROUS_ANNOTATIONS = {
    "/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D", "/Widget",
}  # fmt: skip
# Final guard on the written bytes: markup a browser could sniff as HTML.
MARKUP = re.compile(rb"<\s*(?:html|script|body|iframe|svg)\b", re.IGNORECASE)


def _is_dangerous_action(value) -> bool:
    return isinstance(value, pikepdf.Dictionary) and str(value.get("/S", "")) in DANGEROUS_ACTIONS


def _clean(obj) -> None:
    """Remove dangerous keys and actions from ``obj`` and its direct (not indirect) children;
    indirect objects are cleaned on their own turn."""
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in list(obj.keys()):
            value = obj.get(key)
            if key in DANGEROUS_KEYS or _is_dangerous_action(value):
                del obj[key]
            elif isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
                _clean(value)
    elif isinstance(obj, pikepdf.Array):
        for index in range(len(obj)):
            item = obj[index]
            if _is_dangerous_action(item):
                obj[index] = pikepdf.Dictionary()
            elif isinstance(item, (pikepdf.Dictionary, pikepdf.Array)) and not item.is_indirect:
                _clean(item)


def sanitised_pdf(data: bytes, *, name: str) -> ContentFile:
    """The PDF in ``data`` written anew without active content, or ValidationError."""
    unreadable = ValidationError(
        _(
            "The file could not be read as a PDF. Please export it again as a PDF (e.g. "
            "“Save as PDF”) and upload that file."
        ),
        code="unreadable",
    )
    try:
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False)
    except pikepdf.PasswordError as error:
        raise ValidationError(
            _("The PDF is protected by a password. Please upload it without a password."),
            code="encrypted",
        ) from error
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        raise unreadable from error
    with pdf:
        try:
            if len(pdf.pages) == 0:
                raise unreadable
            for page in pdf.pages:
                annotations = page.obj.get("/Annots")
                if isinstance(annotations, pikepdf.Array):
                    page.obj.Annots = pikepdf.Array(
                        annotation
                        for annotation in annotations
                        if str(annotation.get("/Subtype", "")) not in DANGEROUS_ANNOTATIONS
                    )
            for obj in pdf.objects:
                _clean(obj)
            _clean(pdf.Root)
            for key in ("/Metadata", "/OpenAction", "/AA", "/AcroForm"):
                if key in pdf.Root:
                    del pdf.Root[key]
            names = pdf.Root.get("/Names")
            if isinstance(names, pikepdf.Dictionary):
                for key in list(names.keys()):
                    if key != "/Dests":  # named destinations of links stay
                        del names[key]
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            out = io.BytesIO()
            pdf.save(
                out,
                encryption=False,
                compress_streams=True,
                stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                fix_metadata_version=False,
                deterministic_id=True,
            )
        except pikepdf.PdfError as error:
            raise unreadable from error
    written = out.getvalue()
    if MARKUP.search(written):
        raise unreadable
    return ContentFile(written, name=name)
