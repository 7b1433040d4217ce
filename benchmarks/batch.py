"""Benchmark: briefings side by side with the peers (docxtpl + LibreOffice).

Run on demand, never in the test suite: ``make bench`` (which installs the peers), or
``.venv/bin/python benchmarks/batch.py``. Three cases, each ours and the peer
interleaved in one run (see ``harness``):

- 20 briefings, DOCX + PDF, whole command on 2 cores, against docxtpl + LibreOffice kept
  running (two unoserver instances, two conversions at a time), also a whole command;
- the warm cost of one document, DOCX + PDF in a warm process, against docxtpl filling
  it + one conversion by a running LibreOffice;
- one briefing, cold, whole command, against docxtpl + LibreOffice started for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness import Verdicts, command, interleaved, make_records, session, timed
from peers import convert_cold, fill, missing, template, unoservers

GIAOBAN = str(Path(sys.executable).with_name("giaoban"))
PEER = [sys.executable, str(Path(__file__).with_name("peers.py"))]


def batch_case(
    records: Path, work: Path, rounds: int, verdicts: Verdicts, ports: list[str]
) -> None:
    files = sorted(map(str, records.glob("*.yaml")))
    tpl = template(work / "template.docx")
    theirs = work / "peer-batch"
    theirs.mkdir()
    series = interleaved({
        "giaoban render, -j 2": lambda: command(
            [GIAOBAN, "render", str(records), "--out", str(work / "ours"), "--force", "-q",
             "-j", "2"], work),
        "docxtpl + unoserver x2": lambda: command(
            [*PEER, "batch", str(tpl), str(theirs), ",".join(ports), *files], work),
    }, rounds)  # fmt: skip
    ours, peer = series.values()
    print(f"\n20 briefings, DOCX + PDF, whole command, 2 cores\n  {ours.line()}\n  {peer.line()}")
    verdicts.add("20 briefings, ours / docxtpl + unoserver x2", ours.min / peer.min, 0.5)


def warm_case(records: Path, work: Path, rounds: int, verdicts: Verdicts, client: object) -> None:
    from generator import Renderer
    from generator.api import render

    files = sorted(records.glob("*.yaml"))
    renderer = Renderer()
    out = work / "warm"
    render(files[:2], out=out, renderer=renderer, force=True, jobs=1)  # warm up
    tpl = template(work / "template-warm.docx")
    theirs = work / "peer-warm"
    theirs.mkdir()

    def peer() -> None:
        for record in files:
            docx = fill(tpl, record, theirs)
            client.convert(inpath=str(docx), outpath=str(docx.with_suffix(".pdf")))  # type: ignore[attr-defined]

    series = interleaved({
        "giaoban, one warm process": lambda: timed(
            lambda: render(files, out=out, renderer=renderer, force=True, jobs=1)),
        "docxtpl fill + one unoserver conversion": lambda: timed(peer),
    }, rounds)  # fmt: skip
    ours, theirs_ = series.values()
    per = 1000 / len(files)
    print(f"\nwarm cost of one document, DOCX + PDF ({len(files)} documents a round)")
    print(f"  {ours.line('ms', per)}\n  {theirs_.line('ms', per)}")
    verdicts.add("warm document, ours / docxtpl + one conversion", ours.min / theirs_.min, 0.25)


def cold_case(records: Path, work: Path, rounds: int, verdicts: Verdicts) -> None:
    single = sorted(records.glob("*.yaml"))[0]
    tpl = template(work / "template-cold.docx")
    theirs = work / "peer-cold"
    theirs.mkdir()
    profile = work / "lo-profile"
    convert_cold([fill(tpl, single, theirs)], theirs, profile)  # LibreOffice makes its profile
    series = interleaved({
        "giaoban render, one record": lambda: command(
            [GIAOBAN, "render", str(single), "--out", str(work / "cold"), "--force", "-q"], work),
        "docxtpl + soffice, one record": lambda: command(
            [*PEER, "cold", str(tpl), str(theirs), str(profile), str(single)], work),
    }, rounds)  # fmt: skip
    ours, peer = series.values()
    print(f"\none briefing, cold, whole command\n  {ours.line()}\n  {peer.line()}")
    verdicts.add("cold single render", ours.min, 0.5, " s")
    verdicts.add("cold single render, ours / docxtpl + soffice", ours.min / peer.min, 0.33)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", default="batch,warm,cold", help="which cases, comma-separated")
    args = parser.parse_args()
    cases = set(args.cases.split(","))
    if reason := missing():
        raise SystemExit(f"the peers cannot run: {reason}")
    with session() as (work, verdicts):
        records = make_records(work / "batch", 20)
        if cases & {"batch", "warm"}:
            with unoservers(2, work) as clients:
                if "batch" in cases:
                    batch_case(records, work, args.rounds, verdicts, [str(c.port) for c in clients])
                if "warm" in cases:
                    warm_case(records, work, args.rounds, verdicts, clients[0])
        if "cold" in cases:
            cold_case(records, work, args.rounds, verdicts)


if __name__ == "__main__":
    main()
