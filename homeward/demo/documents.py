"""Documents for the demo council: a synthetic court order or assessment (a one-page PDF written
here, no real data) and a letter on some children's records, including every child allocated to
the demo's first social worker, so a newcomer finds the Documents tab filled on the first click.
Filed through ``homeward.documents.services`` (checked, stored, audited) like any upload; capped,
so a 50,000-child demo stays fast."""

from __future__ import annotations

import datetime as dt
import random

from homeward.accounts.actor import Actor
from homeward.children.models import Allocation
from homeward.documents import services

CAP = 60  # children given documents, beyond the first social worker's own
FIRST_SOCIAL_WORKER = "social-worker"

PAPERS = (
    ("court_order", "Interim care order", "Interim care order (synthetic demo document)"),
    ("assessment", "Parenting assessment", "Parenting assessment summary (synthetic demo)"),
    ("report", "Health assessment", "Initial health assessment (synthetic demo)"),
)


def tiny_pdf(*lines: str) -> bytes:
    """A valid one-page PDF showing ``lines`` in Helvetica (ASCII only), written by hand: the
    demo needs many small files, and WeasyPrint takes a second each."""
    text = " ".join(f"({_pdf_string(line)}) Tj 0 -18 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 770 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_string(line: str) -> str:
    plain = line.encode("ascii", "replace").decode()
    return plain.replace("\\", "").replace("(", "[").replace(")", "]")


def build(*, seed: int, today: dt.date) -> dict[str, int]:
    rng = random.Random(f"{seed}-documents")
    allocations = list(
        Allocation.objects.filter(
            ended_on__isnull=True, social_worker__isnull=False, child__date_of_birth__lte=today
        )
        .select_related("child", "social_worker")
        .order_by("child__child_id")
    )
    own = [a for a in allocations if a.social_worker.username == FIRST_SOCIAL_WORKER]
    others = [a for a in allocations if a.social_worker.username != FIRST_SOCIAL_WORKER]
    chosen = own + rng.sample(others, min(CAP, len(others)))
    filed = 0
    for allocation in chosen:
        child, actor = allocation.child, Actor.working_as(allocation.social_worker)
        type, title, heading = rng.choice(PAPERS)
        dated = max(child.date_of_birth, today - dt.timedelta(days=rng.randint(20, 200)))
        pdf = tiny_pdf(
            heading,
            f"Child: {child.first_name} {child.last_name} ({child.child_id})",
            f"Dated {dated:%d %B %Y}",
            "Demo Borough Council. Synthetic data for the demonstration only.",
        )
        services.store(
            actor,
            child,
            pdf,
            type,
            title,
            dated,
            filename=f"{title.lower().replace(' ', '-')}-{child.child_id}.pdf",
            description="A synthetic document for the demo council.",
        )
        filed += 1
        if rng.random() < 0.5:
            letter = (
                f"Dear {child.first_name},\n\nThis is a letter about your next meeting. "
                "Your social worker will talk it through with you.\n\n"
                "(Synthetic demo document.)\n"
            )
            services.store(
                actor,
                child,
                letter.encode(),
                "letter",
                "Letter to the child about the next meeting",
                max(dated, today - dt.timedelta(days=10)),
                filename=f"letter-{child.child_id}.txt",
            )
            filed += 1
    return {"documents": filed}
