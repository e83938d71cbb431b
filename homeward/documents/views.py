"""The Documents tab on a child's record: the list (newest first, filtered by type), the upload
form and the download. Need-to-know as the record (``children.guard.child_view``); uploading for
those who record on the child's file; every download audited as an export."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.documents import selectors, services
from homeward.documents.forms import UploadForm
from homeward.documents.models import Document
from homeward.domain.documents import DOCUMENT_TYPES, TYPE_LABELS
from homeward.form_page import form_page, require_form

NO_SUCH_DOCUMENT = "No such document on this child's record"


@require_safe
@child_view()
def documents(request: HttpRequest, child: Child) -> HttpResponse:
    type = request.GET.get("type", "")
    type = type if type in TYPE_LABELS else ""
    return render(
        request,
        "documents/documents.html",
        {
            "child": child,
            "documents": selectors.documents_of(child, type),
            "types": DOCUMENT_TYPES,
            "type": type,
            "may_upload": access.can_change_child(request.user, child),
        },
    )


def _replacing(request: HttpRequest, child: Child) -> Document | None:
    raw = request.GET.get("replaces", "")
    if not raw.isdigit():
        return None
    document = selectors.document_of(child, int(raw))
    if document is None:
        raise Http404(NO_SUCH_DOCUMENT)
    return document


# Room in a request for the form's other fields and the multipart framing around the file.
FORM_ALLOWANCE = 16 * 1024


# An upload far over the limit is refused on its declared length, before its body is read:
# CSRF's check would read (and store in the temporary folder) the whole upload first, so it is
# made inside, once the size is known to be within the limit (as the SSDA903 upload does).
# Refusing an oversized upload changes nothing, so needs no token.
@csrf_exempt
@require_form
@child_view(access.can_change_child)
def add_document(request: HttpRequest, child: Child) -> HttpResponse:
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > services.max_bytes() + FORM_ALLOWANCE:
            return _too_large(request, child, length)
    return _add_document(request, child)


def _too_large(request: HttpRequest, child: Child, length: int) -> HttpResponse:
    # Read and drop the body (never stored), so the browser, still sending, sees this page
    # rather than a reset connection. The web server caps how much it will accept.
    while request.read(64 * 1024):
        pass
    form = UploadForm({}, {})
    form.is_valid()
    form.errors.clear()
    form.add_error("file", services.too_large_message("The selected file", length))
    record(
        AuditAction.VIEW,
        request=request,
        child_id=child.child_id,
        summary="Viewed documents: add (too large, not saved)",
    )
    back = reverse("documents:documents", kwargs={"child_id": child.child_id})
    return render(
        request,
        "documents/add.html",
        {"form": form, "forms": [form], "child": child, "back_url": back, "replaces": None},
        status=413,  # Content Too Large, with the form saying why
    )


@csrf_protect
def _add_document(request: HttpRequest, child: Child) -> HttpResponse:
    replaces = _replacing(request, child)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"type": replaces.type, "title": replaces.title} if replaces else None,
    )

    def save() -> Document:
        data = form.cleaned_data
        return services.store(
            Actor.from_request(request),
            child,
            data["file"],
            data["type"],
            data["title"],
            data["dated"],
            description=data["description"],
            supersedes=replaces,
        )

    back = reverse("documents:documents", kwargs={"child_id": child.child_id})
    return form_page(
        request,
        form,
        template="documents/add.html",
        save=save,
        done=back,
        success=lambda document: f"{document.title} uploaded",
        context={"child": child, "back_url": back, "replaces": replaces},
        fallback="file",
    )


@require_safe
@child_view(audit_view=False)
def download(request: HttpRequest, child: Child, document_id: int) -> HttpResponse:
    document = selectors.document_of(child, document_id)
    if document is None:
        record(
            AuditAction.DENIED,
            request=request,
            child_id=child.child_id,
            summary=f"No document {document_id} on this record",
        )
        raise Http404(NO_SUCH_DOCUMENT)
    record(
        AuditAction.EXPORT,
        request=request,
        child_id=child.child_id,
        obj=document,
        summary=f"Downloaded {document.get_type_display().lower()}: {document.title} "
        f"({document.original_filename})",
    )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=services.safe_filename(document.original_filename),
        content_type=document.content_type,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
