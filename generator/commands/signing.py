"""What ``giaoban sign`` and ``giaoban verify`` do at the terminal: the PIN, asked without
echo or read from ``GIAOBAN_PIN`` (never a file or an option, which other users and the
shell's history could read), and the verification said in the user's language."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

import click

from generator.errors import UsageError
from generator.messages import message
from generator.output.verification import SignatureCheck, Verification

PIN_VARIABLE = "GIAOBAN_PIN"


def read_pin(environ: Mapping[str, str] = os.environ) -> str:
    pin = environ.get(PIN_VARIABLE)
    if pin:
        return pin
    if not sys.stdin.isatty():
        raise UsageError(message("no_pin", variable=PIN_VARIABLE))
    entered: str = click.prompt(message("pin_prompt"), hide_input=True, err=True)
    if not entered:
        raise UsageError(message("no_pin", variable=PIN_VARIABLE))
    return entered


def _yes_no(value: bool) -> str:
    return message("answer_yes") if value else message("answer_no")


def _lines(number: int, check: SignatureCheck) -> list[str]:
    verdict = message("sig_valid") if check.ok else message("sig_not_valid")
    who = check.signer + (f" ({check.organization})" if check.organization else "")
    heading = "archive_heading" if check.archive_timestamp else "sig_heading"
    lines = [message(heading, n=number, field=check.field, verdict=verdict),
             "  " + message("sig_who", who=who)]  # fmt: skip
    if check.signed_at is not None:
        lines.append("  " + message("sig_when", when=check.signed_at))
    if check.timestamp is not None:
        lines.append("  " + message("sig_timestamp", when=check.timestamp,
                                    ok=_yes_no(bool(check.timestamp_ok))))  # fmt: skip
    lines.append("  " + message("sig_intact", ok=_yes_no(check.intact)))
    if check.untouched:
        changes = message("sig_untouched")
    elif check.changes_allowed:
        changes = message("sig_later_signatures")
    else:
        changes = message("sig_changed")
    lines.append("  " + message("sig_after", changes=changes))
    trust = message("sig_revoked") if check.revoked else _yes_no(check.trusted)
    lines.append("  " + message("sig_trusted", ok=trust))
    return lines


def describe(verification: Verification) -> list[str]:
    """One block per signature, then the verdict on the file."""
    if not verification.signatures:
        return [message("no_signatures", path=verification.path)]
    lines = [message("verify_heading", path=verification.path)]
    for number, check in enumerate(verification.signatures, 1):
        lines += _lines(number, check)
    valid = sum(check.ok for check in verification.signatures)
    summary = "verify_all_valid" if verification.ok else "verify_not_all_valid"
    lines.append(message(summary, valid=valid, total=len(verification.signatures)))
    return lines
