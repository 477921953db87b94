"""The documents app listens to the flow: when a decision is issued, its PDF is signed and each
awardee's certificate gets its verification code, in the transaction of the issuing (a signing
failure leaves the decision unissued)."""

from django.dispatch import receiver

from workflows.events import Event, workflow_event

from . import signatures


@receiver(workflow_event)
def decision_issued(sender, decision=None, **kwargs):
    if sender != Event.DECISION_ISSUED or decision is None:
        return
    signatures.create_certificate_codes(decision)
    signatures.sign_issued_decision(decision)
