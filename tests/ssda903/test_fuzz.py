"""Mangled returns (hypothesis): the importer always ends in a clean import or a clean list of
problems, never an exception and never a partial write (issue 3, tests and evidence)."""

from __future__ import annotations

from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from homeward.children.models import Child, Episode
from homeward.domain.ssda903.reader import ReturnFile
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun

HEADER = (
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,F,01/01/2015,WBRI,,,\nA2,1,12/12/2019,MWBC,,0,\n"
)
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    "A1,01/04/2024,S,C1,N1,U4,PR1,01/09/2024,X1,,,,\n"
    "A1,01/09/2024,L,C2,N1,U4,PR1,,,,,,\n"
    "A2,03/05/2025,S,V2,N2,U1,PR1,04/06/2025,E4A,,,,\n"
)
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,01/01/2015,20/04/2024,PN1\n"


@st.composite
def mangled(draw: st.DrawFn, text: str) -> bytes:
    data = bytearray(text.encode())
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        if action == "delete":
            del data[at]
        elif action == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=4)
                | st.sampled_from([b",", b"\n", b'"', b"\x00", "é".encode(), b"31/02/2025", b"ZZ"])
            )
        elif action == "replace":
            data[at] = draw(st.integers(0, 255))
        elif action == "truncate":
            del data[at:]
        else:
            line_end = data.find(b"\n", at)
            if line_end > 0:
                line_start = data.rfind(b"\n", 0, at) + 1
                data[line_end + 1 : line_end + 1] = data[line_start : line_end + 1]
    return bytes(data)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(header=mangled(HEADER), episodes=mangled(EPISODES), reviews=mangled(REVIEWS))
# Found by this test (session 8): a header starting with a bare carriage return, which the
# csv module will not read as one line, once stopped the size check with an exception.
@example(header=HEADER.encode(), episodes=EPISODES.encode(), reviews=b"\r" + REVIEWS[1:].encode())
def test_a_mangled_return_is_imported_cleanly_or_refused_cleanly(
    db, header: bytes, episodes: bytes, reviews: bytes
) -> None:
    files = [
        ReturnFile("header.csv", content=header),
        ReturnFile("episodes.csv", content=episodes),
        ReturnFile("reviews.csv", content=reviews),
    ]
    with transaction.atomic():
        run = import_return(files, run=ImportRun.objects.create(source="fuzz"), dfe_rules=False)
        if run.status == ImportRun.Status.BLOCKED:
            assert run.blocking, "a refused import says why"
            for problem in run.blocking:
                assert problem["message"]
            assert Child.objects.count() == 0 and Episode.objects.count() == 0
        else:
            assert run.status == ImportRun.Status.IMPORTED
            assert Child.objects.count() == run.counts["children"]
            assert Episode.objects.count() == run.counts["episodes"]
        transaction.set_rollback(True)
