"""A trusted timestamp when a TSA is configured: the signature then carries an RFC 3161 token
obtained over HTTP, and the signing time shown is the TSA's."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import tsp

from documents.models import SignedDecision
from signing import pades
from workflows import award_decisions as decisions

pytestmark = pytest.mark.django_db

TSA_PORT = 8162


@pytest.fixture
def tsa_server(pki):
    """An RFC 3161 server on localhost (pyHanko's test TSA behind a plain HTTP handler)."""
    stamper = pki.timestamper()
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(self.headers["Content-Type"])
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", TSA_PORT), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield requests
    server.shutdown()
    server.server_close()


def test_issuing_with_a_tsa_timestamps_the_signature(
    server_certificate, tsa_server, submitted_decision, people, settings
):
    settings.SIGNING_TSA_URL = f"http://127.0.0.1:{TSA_PORT}/tsa"
    decisions.issue_decision(submitted_decision, by=people.director)
    pdf = bytes(SignedDecision.objects.get(decision=submitted_decision).pdf)
    assert tsa_server and set(tsa_server) == {"application/timestamp-query"}
    result = pades.verify_pdf(pdf)
    assert result.valid, result.problems
    assert result.timestamped


def test_an_unreachable_tsa_leaves_the_decision_unissued(
    server_certificate, submitted_decision, people, settings
):
    settings.SIGNING_TSA_URL = "http://127.0.0.1:8163/none"
    settings.SIGNING_TSA_TIMEOUT = 2
    from workflows.services import WorkflowError

    with pytest.raises(WorkflowError):
        decisions.issue_decision(submitted_decision, by=people.director)
    submitted_decision.refresh_from_db()
    assert submitted_decision.status == "submitted"
