"""Build benchmarks/gold/seeds_events.json: the development event gold for the five seeds.

The seeds (``../shared/seeds/``) are real articles, so nothing of their text is kept here
beyond short key phrases (at most 6 words) that anchor each item: the builder cleans each
seed with :func:`storyline.clean.article.make_article`, finds the phrase in the cleaned
text and records its character offsets. It exits non-zero (writing nothing) when a phrase
is missing, ambiguous without ``nth``, or longer than 6 words.

Two lists per seed:

* ``events`` — what a careful analyst codes: PLOVER ``type`` (``also_acceptable``: other
  codings a reasonable coder could choose, as ``{type, modality}``), ``source`` and
  ``target`` as lists of acceptable actor ids as :func:`storyline.annotate.actors.find_actors`
  names them (``null`` in the list: no actor may be given, e.g. the name was dropped by
  the scraper or is never stated), ``modality``, ``date`` (when it happened, resolved from
  the text against the article date the pipeline gives; ``text`` null when the article
  date stands in; the whole ``date`` null when the text gives no usable date), and
  ``attribution`` when the event is reported by someone. ``optional`` marks events an
  analyst may code but that are not required (repeat mentions, judgment calls): they are
  left out of recall, and a prediction matching them is not counted as spurious.
* ``non_asserted`` — conditional, speculative, forecast, proposed or negated statements:
  no event whose trigger lies inside the anchor may be output as ``asserted``.

Usage::

    PYTHONPATH=src python benchmarks/gold/build_seeds_events_gold.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "benchmarks/gold/seeds_events.json"

A = "asserted"
F = "future"
H = "hypothetical"
NEG = "negated"

ERD = ["erdogan_recep_tayyip", "TURGOV"]
PUT = ["putin_vladimir", "RUSGOV"]
TR_RU = ["TURGOV", "RUSGOV"]
LEADERS = ["erdogan_recep_tayyip", "putin_vladimir", "TURGOV", "RUSGOV"]
NONE: list[str | None] = [None]


def day(d: str, text: str) -> dict[str, Any]:
    return {"start": d, "end": d, "precision": "day", "text": text}


def rng(a: str, b: str, precision: str, text: str | None) -> dict[str, Any]:
    return {"start": a, "end": b, "precision": precision, "text": text}


PUB = "pub"  # the article's date, with text null


def E(phrase: str, typ: str, source: list[str | None], modality: str = A, *,
      date: Any = PUB, target: list[str | None] | None = None, also: tuple = (),
      attribution: str | None = None, optional: bool = False, mode: str | None = None,
      nth: int = 0, note: str | None = None) -> dict[str, Any]:
    return {"kind": "event", "phrase": phrase, "nth": nth, "type": typ, "mode": mode,
            "source": source, "target": target, "modality": modality, "date": date,
            "also_acceptable": [{"type": t, "modality": m} for t, m in also],
            "attribution": attribution, "optional": optional, "note": note}


def N(phrase: str, modality: str, *, also: tuple[str, ...] = (), nth: int = 0,
      note: str | None = None) -> dict[str, Any]:
    return {"kind": "statement", "phrase": phrase, "nth": nth, "modality": modality,
            "also_modality": list(also), "note": note}


SEEDS: dict[str, list[dict[str, Any]]] = {
    # Istanbul, 2018-09-16: the deferred Idlib offensive, Tehran summit, Sochi meeting ahead
    "000_9bc0c654e7064ce1.txt": [
        N("a looming regime offensive", H, also=(F,)),
        E("Erdogan met Russian and Iranian leaders", "CONSULT", ERD, mode="multilateral",
          target=["putin_vladimir", "rouhani_hassan", "RUSGOV", "IRNGOV"],
          date=day("2018-09-07", "Sept 7")),
        N("major assault by Russia-backed regime", H, also=(F,)),
        E("discord at the summit between", "CONSULT", [*LEADERS, None], optional=True,
          date=None, note="the Tehran summit again"),
        N("postpone the Idlib strike", H),
        E("fiercely opposed to a military", "REJECT", ["TURGOV"], optional=True),
        N("an offensive, if there will", H, also=(F,)),
        E("which backs rebels fighting against", "SUPPORT", ["TURGOV"], target=["SYRREB"]),
        E("the so-called Astana talks launched", "CONSULT", ["TURGOV", "RUSGOV", "IRNGOV"],
          mode="multilateral", date=rng("2017-01-01", "2017-01-31", "month", "January 2017")),
        E("Intense negotiations have taken place", "CONSULT", TR_RU),
        E("failure of the Tehran summit", "CONSULT", [*LEADERS, "IRNGOV", None],
          optional=True, date=None),
        N("avert an assault which Erdogan", H),
        E("Erdogan has cautioned would ignite", "THREATEN", ERD, optional=True,
          also=(("ACCUSE", A),), note="a warning of consequences, not clearly a threat"),
        N("could include neutralising the HTS", H),
        E("expected to discuss the issue", "CONSULT", LEADERS, F,
          date=day("2018-09-17", "Monday")),
        E("they meet in the Russian", "CONSULT", [*LEADERS, None], F, optional=True,
          date=day("2018-09-17", "Monday"), note="the same planned Sochi meeting"),
        N("large-scale assault on Idlib, which", H),
    ],
    # AP via Istanbul, 2019-06-01; the scraper dropped many names (see warnings)
    "001_8366b94cf810edf5.txt": [
        N("an incentive to cooperate", H),
        E("the two leaders brokered a cease-fire", "AGREE", LEADERS,
          date=rng("2018-09-01", "2018-09-30", "month", "September"),
          note="September before a June 2019 article: September 2018"),
        N("preventing a bloody onslaught", NEG, also=(H,)),
        E("has firmly backed Assad", "SUPPORT", NONE, target=["assad_bashar"],
          note="subject name dropped by the scraper (not flagged): source unknown"),
        E("supports opposition forces", "SUPPORT", NONE, target=["SYRREB"],
          note="subject name dropped by the scraper: source unknown"),
        N("to be reopened", H, also=(F,)),
        E("has been breached", "ASSAULT", NONE, optional=True),
        E("the current government offensive", "ASSAULT", ["SYRMIL", "SYRGOV"]),
        E("Syrian ground forces have been advancing", "ASSAULT", ["SYRMIL"],
          also=(("MOBILIZE", A),)),
        E("Syrian and Russian airstrikes", "ASSAULT",
          ["SYRMIL", "RUSMIL", "SYRGOV", "RUSGOV"], mode="aerial"),
        E("have been killed since April", "ASSAULT", NONE, target=["SYRCVL", "SYRREB"],
          date=rng("2019-04-30", "2019-06-01", "day", "since April 30"),
          note="attributed to an observatory whose name was dropped"),
        E("were killed in government areas", "ASSAULT", ["SYRREB"],
          target=["SYRMIL", "SYRCVL"],
          date=rng("2019-04-30", "2019-06-01", "day", "In the same period")),
        E("have reportedly been killed", "ASSAULT", NONE, target=["SYRCVL"],
          attribution="UNICEF"),
        E("Turkey has accused the of", "ACCUSE", ["TURGOV"], target=NONE,
          note="the accused party's name was dropped: target null"),
        E("has told Russia", "REQUEST", ["TURGOV"], target=["RUSGOV"],
          note="'the country' is Turkey; the speaker's name was dropped"),
        E("Russia has launched airstrikes in Idlib", "ASSAULT", ["RUSGOV", "RUSMIL"],
          mode="aerial"),
        E("is providing air cover", "SUPPORT", ["RUSGOV", "RUSMIL", None], optional=True,
          also=(("ASSAULT", A), ("AID", A), ("COOPERATE", A))),
        E("It has complained that the", "ACCUSE", ["RUSGOV"], target=["SYRREB"]),
        E("been targeting its military base", "ASSAULT", ["SYRREB"], optional=True,
          note="content of Russia's complaint"),
        N("unlikely to support an all-out", H),
        E("would not rule out", "THREATEN", ["putin_vladimir", "RUSGOV"], optional=True,
          date=rng("2019-04-21", "2019-04-30", "day", "late April")),
        N("rule out a large-scale assault", H, also=(NEG,)),
        E("which it accuses of targeting", "ACCUSE", ["RUSGOV"], target=["HTS"]),
        E("have often called Idlib", "ACCUSE", ["RUSGOV"], optional=True),
        N("unable to neutralize the extremists", NEG),
        E("which has defeated Turkey-backed armed", "ASSAULT", ["HTS"], target=["SYRREB"]),
        E("Syrian government artillery attack", "ASSAULT", ["SYRMIL", "SYRGOV"],
          target=["TURMIL"], mode="heavy-weapons",
          date=rng("2019-05-01", "2019-05-10", "day", "early May")),
        E("Three other attacks have been cited", "ASSAULT", NONE, target=["TURMIL"]),
        N("designed to pressure", H),
        E("will not take a single step", "REJECT", ["TURMIL", "akar_hulusi", "TURGOV"],
          optional=True, date=rng("2019-05-20", "2019-05-26", "week", "last week")),
        N("take a single step back", NEG),
        E("have talked on the phone", "CONSULT", LEADERS, mode="phone"),
        E("agreeing to continue working along", "AGREE", LEADERS),
        E("They also agreed to meet", "AGREE", LEADERS, also=(("CONSULT", F),)),
    ],
    # Ankara, undated (the pipeline infers 2018-09-01): Ankara–Moscow talks before Sochi
    "002_2db221335312afa3.txt": [
        E("Talks between Ankara and Moscow", "CONSULT", TR_RU,
          date=rng("2018-08-18", "2018-09-01", "day", "over the last two weeks")),
        E("holding several critical meetings", "CONSULT", [*TR_RU, None], optional=True),
        E("a press conference with his", "CONSULT", ["cavusoglu_mevlut", "TURGOV"],
          target=["lavrov_sergei", "RUSGOV"], date=day("2018-08-31", "Friday"),
          note="Friday before the inferred article date"),
        E("Mevlut Cavusoglu warned during a press", "THREATEN",
          ["cavusoglu_mevlut", "TURGOV"], optional=True, also=(("ACCUSE", A),)),
        N("a military assault on Idlib would", H),
        N("clashes may last a long time", H),
        N("a Russian-supported assault by the Syrian", H),
        E("the Russian-Turkish meetings has not", "CONSULT", [*TR_RU, None], optional=True,
          date=None),
        N("trying to prevent a regime assault", H),
        N("prevent the targeting of moderate", H),
        E("set up last year by Russia", "AGREE", ["RUSGOV", "TURGOV", "IRNGOV"],
          also=(("COOPERATE", A),), date=rng("2017-01-01", "2017-12-31", "year", "last year")),
        E("recently reinforced its 12 observation posts", "MOBILIZE", ["TURMIL"]),
        N("wants to prevent a regime assault", H),
        N("If Ankara cannot prevent an assault", H),
        N("try to convince Russia", H, also=(F,)),
        N("To take control of Idlib", H, also=(F,)),
        N("open a corridor from Idlib", H),
        N("organize these militants to fight", H),
        N("de facto cooperation between the Turkish", H, also=(F,)),
        N("If an assault on Idlib begins", H),
        N("without a deal with Ankara", H, also=(NEG,)),
        N("disrupt ties with Russia", H, also=(NEG,)),
        N("November for an assault", H, also=(F,)),
        N("try and obstruct anything", H, also=(F,)),
        E("will host Russian, Iranian and Turkish", "CONSULT",
          ["de_mistura_staffan", "UN", "RUSGOV", "IRNGOV", "TURGOV"], F,
          target=["de_mistura_staffan", "UN", "RUSGOV", "IRNGOV", "TURGOV"],
          mode="third-party", date=rng("2018-09-11", "2018-09-12", "day", "Sept. 11-12")),
    ],
    # The National, 2019-08-27: Erdogan in Moscow (MAKS air show), S-400 deliveries
    "003_3c68401bbd99f25e.txt": [
        E("has called for a halt", "REQUEST", ERD, target=["SYRGOV", "SYRMIL"]),
        E("during talks in Moscow with", "CONSULT", LEADERS, target=LEADERS,
          note="the talks happened; only the hoped-for reprieve is uncertain"),
        N("determined to rout remaining armed", H, also=(F,)),
        E("Mr Erdogan’s one-day visit to Russia", "CONSULT", ERD, mode="visit",
          target=PUT),
        E("Turkey and Russia had agreed on", "AGREE", TR_RU, attribution="Vladimir Putin"),
        E("we have outlined additional joint steps", "AGREE", [*LEADERS, None],
          optional=True),
        E("a joint briefing with the Turkish", "CONSULT", LEADERS, optional=True),
        E("would meet in Turkey in September", "CONSULT", ["TURGOV", "RUSGOV", "IRNGOV"], F,
          date=rng("2019-09-01", "2019-09-30", "month", "September"),
          attribution="Vladimir Putin"),
        N("progress on brokering a political solution", H, also=(F,)),
        N("a plea for respite", H),
        E("the Syrian government’s offensive on", "ASSAULT", ["SYRGOV", "SYRMIL"]),
        E("several months into an operation", "ASSAULT", ["SYRMIL"], target=["SYRREB"]),
        E("government forces backed by Russia", "SUPPORT", ["RUSGOV"], target=["SYRMIL"]),
        E("brutally suppressed a series of", "COERCE", ["SYRMIL", "SYRGOV", "assad_bashar"],
          also=(("ASSAULT", A),), date=rng("2011-01-01", "2011-12-31", "year", "2011")),
        E("anti-government protests in 2011", "PROTEST", ["SYRCVL", None],
          date=rng("2011-01-01", "2011-12-31", "year", "2011")),
        N("an all-out assault will force", H, also=(F,)),
        E("come under fire for its", "ACCUSE", NONE, optional=True),
        E("for its crackdown, deporting", "COERCE", ["TURGOV"], optional=True),
        E("deporting vulnerable Syrians back", "COERCE", ["TURGOV"], mode="deport",
          target=["SYRREF", "SYRCVL"]),
        E("told the Russian president last week", "ACCUSE", ERD,
          also=(("CONSULT", A),), target=["SYRGOV", "SYRMIL", "putin_vladimir"],
          date=rng("2019-08-19", "2019-08-25", "week", "last week")),
        E("attacks by the Syrian regime’s forces", "ASSAULT", ["SYRGOV", "SYRMIL"],
          attribution="Recep Tayyip Erdogan"),
        E("agreed a ceasefire in Idlib", "AGREE", ["RUSGOV", "TURGOV", "IRNGOV"],
          date=rng("2018-09-01", "2018-09-30", "month", "last September")),
        E("tasked Ankara with coordinating", "REQUEST", ["RUSGOV", "TURGOV", "IRNGOV"],
          optional=True, date=rng("2018-09-01", "2018-09-30", "month", "last September")),
        E("has vowed to continue the fight", "THREATEN", ["HTS"], target=["SYRGOV"]),
        E("Lavrov said that the Russian-backed", "REJECT", ["lavrov_sergei", "RUSGOV"],
          optional=True),
        N("did not violate the terms", NEG),
        N("will try to renegotiate", H, also=(F,)),
        N("reason to support Syrian military operations", H),
        E("displaced by the Russian-backed Syrian offensive", "ASSAULT", ["SYRMIL"],
          optional=True),
        N("Erdogan will raise the issue", H, also=(F,)),
        E("a new round of deliveries", "COOPERATE", ["RUSGOV", None],
          also=(("AID", A),), target=["TURGOV"]),
        E("an arms deal that has strained", "AGREE", NONE, optional=True, date=None),
        E("Donald Trump threatened sanctions", "THREATEN", ["trump_donald", "USAGOV"],
          target=["TURGOV"], date=None),
        E("repeatedly called on Turkey", "REQUEST", ["trump_donald", "USAGOV"],
          target=["TURGOV"], date=None),
        N("call off the missile deal", H),
        E("the first deliveries earlier this summer", "COOPERATE", ["RUSGOV", None],
          also=(("AID", A),), target=["TURGOV"],
          date=rng("2019-06-01", "2019-08-31", "season", "earlier this summer")),
        E("During his visit to Moscow", "CONSULT", ERD, optional=True),
        E("made unavailable to Turkey", "SANCTION", ["USAGOV"], target=["TURGOV"],
          date=None),
        E("it purchased the Russian missile", "COOPERATE", ["TURGOV", None], optional=True,
          date=None),
    ],
    # TRT World, undated (the pipeline infers 2020-01-14): Idlib offensive strains ties
    "004_e05720ce9194ae6d.txt": [
        E("renewing attacks on rebel-held Idlib", "ASSAULT", ["SYRMIL"], target=["SYRREB"]),
        E("is constantly being violated", "ASSAULT", NONE, optional=True),
        E("fired cluster munitions on a school", "ASSAULT", ["SYRMIL"],
          date=day("2020-01-02", "January 2")),
        E("This attack resulted in the deaths", "ASSAULT", ["SYRMIL", None], optional=True,
          date=day("2020-01-02", "January 2")),
        E("a UN Security Council meeting", "CONSULT", ["UNSC", "UN"], mode="multilateral"),
        N("entry of humanitarian aid into Idlib", H),
        E("efforts to recapture Idlib continued", "ASSAULT", ["assad_bashar", "SYRGOV"],
          optional=True),
        E("launched further strikes on rebel-held positions", "ASSAULT", ["SYRMIL"],
          target=["SYRREB"], date=day("2020-01-04", "January 4")),
        N("to suspend their cooperation", H),
        E("repeated assaults on Turkish observation posts", "ASSAULT", ["SYRMIL"],
          target=["TURMIL", "TURGOV"]),
        E("a fresh siege against Turkey’s", "ASSAULT", ["SYRMIL", None], optional=True),
        E("Russia’s air raids in support", "ASSAULT", ["RUSMIL", "RUSGOV"], mode="aerial"),
        E("September 2018 Sochi Agreement between Russia", "AGREE", TR_RU,
          date=rng("2018-09-01", "2018-09-30", "month", "September 2018")),
        E("prevent these peace agreements from collapsing", "AGREE", [*TR_RU, None],
          optional=True, date=None),
        E("was implicated in the December", "ACCUSE", NONE, optional=True),
        E("the December 24 missile strikes", "ASSAULT", ["RUSGOV", "RUSMIL", None],
          date=day("2019-12-24", "December 24")),
        E("called for the implementation of", "REQUEST", ["kalin_ibrahim", "TURGOV"]),
        E("urged Russia to acquiesce", "REQUEST", ["kalin_ibrahim", "TURGOV"],
          target=["RUSGOV"]),
        E("gained enthusiastic support from", "SUPPORT", ["trump_donald", "USAGOV"],
          target=["TURGOV"], date=day("2019-12-26", "December 26")),
        E("Turkey’s calls for a ceasefire", "REQUEST", ["TURGOV"], optional=True),
        E("urged Russia, Syria and Iran", "REQUEST", ["trump_donald", "USAGOV"],
          target=["RUSGOV", "SYRGOV", "IRNGOV"], date=day("2019-12-26", "December 26")),
        N("refrain from killing thousands", NEG, also=(H,)),
        E("Turkey’s calls for a new ceasefire", "REQUEST", ["TURGOV"], optional=True),
        E("continued backing Assad’s offensive", "SUPPORT", ["RUSGOV"],
          target=["SYRMIL", "assad_bashar", "SYRGOV"]),
        N("recognise Assad’s legitimacy", H),
        N("use siege tactics", H),
        N("central Idlib to surrender", H),
        N("hopes for a new ceasefire", H),
        E("Turkey’s October agreement with Russia", "AGREE", TR_RU,
          date=rng("2019-10-01", "2019-10-31", "month", "October")),
        N("pledge to help Turkey secure", H, also=(F,)),
        N("Turkey’s proposed military intervention", H),
        E("provisions of military support to", "AID", ["RUSGOV"],
          also=(("SUPPORT", A), ("COOPERATE", A)), target=["LNA", "haftar_khalifa"]),
        N("refrain from making concessions", H, also=(NEG,)),
        N("Turkey backs down", H),
        N("forge an immediate new ceasefire agreement", H),
        N("renewed cooperation could grow", H),
        E("negotiations” between Russia and Turkey", "CONSULT", TR_RU,
          attribution="Ali Bakeer"),
        N("compel Russia to sue for", H),
        E("spent $40 billion on resettling", "AID", ["TURGOV"], target=["SYRREF", "SYRCVL"]),
        N("desires the repatriation of Syrian", H),
        E("to its military intervention and", "ASSAULT", ["RUSGOV", "RUSMIL"],
          optional=True),
        N("Russia could urge Assad", H),
        N("lay down his arms", H),
        N("accept a ceasefire", H),
        E("the UN and Turkey have urged", "REQUEST", ["UN", "TURGOV"],
          target=["assad_bashar", "SYRGOV"]),
        N("immediately halt its offensive", H),
        N("a resumption of a fragile ceasefire", H),
    ],
}


def shared_seeds() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared"]:
        if (cand / "seeds").is_dir():
            return cand / "seeds"
    return None


def main() -> int:
    from storyline.clean.article import make_article
    from storyline.ingest.readers import read_documents

    folder = shared_seeds()
    if folder is None:
        print("build_seeds_events_gold: ../shared/seeds is absent", file=sys.stderr)
        return 2
    texts: dict[str, tuple[str, str | None]] = {}
    for raw in read_documents([str(folder)]):
        art = make_article(raw)
        texts[Path(raw.path).name] = (art.text, art.published.date)  # type: ignore[union-attr]
    errors: list[str] = []
    articles = []
    for name, items in SEEDS.items():
        text, pub = texts[name]
        events, statements = [], []
        for it in items:
            phrase = it.pop("phrase")
            nth = it.pop("nth")
            if len(phrase.split()) > 6:
                errors.append(f"{name}: anchor over 6 words: {phrase!r}")
            hits = []
            k = text.find(phrase)
            while k >= 0:
                hits.append(k)
                k = text.find(phrase, k + 1)
            if not hits:
                errors.append(f"{name}: anchor not found: {phrase!r}")
                continue
            if len(hits) > 1 and nth == 0 and not it.get("nth_ok"):
                errors.append(f"{name}: anchor ambiguous ({len(hits)}x): {phrase!r}")
                continue
            start = hits[nth]
            anchor = {"phrase": phrase, "start": start, "end": start + len(phrase)}
            kind = it.pop("kind")
            if kind == "event":
                if it["date"] == PUB:
                    it["date"] = {"start": pub, "end": pub, "precision": "day", "text": None}
                events.append({"anchor": anchor, **{k: v for k, v in it.items()
                                                    if v is not None or k in (
                                                        "target", "date")}})
            else:
                statements.append({"anchor": anchor, **{k: v for k, v in it.items()
                                                        if v is not None}})
        articles.append({"file": name, "published": pub, "events": events,
                         "non_asserted": statements})
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    gold = {
        "description": (__doc__ or "").split("\n\n", 1)[1].split("Usage::")[0].strip(),
        "articles": articles,
    }
    OUT.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n")
    n_ev = sum(len(a["events"]) for a in articles)
    n_req = sum(1 for a in articles for e in a["events"] if not e["optional"])
    n_st = sum(len(a["non_asserted"]) for a in articles)
    print(f"wrote {OUT}: {n_ev} events ({n_req} required), {n_st} non-asserted statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
