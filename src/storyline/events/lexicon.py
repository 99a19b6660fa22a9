"""Trigger lexicon for the event coder: words and phrases -> PLOVER event type (and mode).

Everything here is plain data keyed by spaCy lemmas (lower case). The coder's modules
(:mod:`storyline.events.extract` and the stages it calls: :mod:`.triggers`,
:mod:`.patterns`, :mod:`.modality`, :mod:`.roles`, :mod:`.actors`, ...) read it; nothing
here looks at a parse. The word lists those modules consult (pattern words, pronouns,
media words, ...) are at the end, each with what it is for.

* :data:`VERBS` — a verb lemma that is an event by itself ("accuse", "shell").
* :data:`VERB_PARTICLE` — a verb needing a particle or preposition ("call on",
  "pull back", "fire on"); the pair wins over the bare verb.
* :data:`VERB_OBJECT` — a verb whose type depends on its object noun ("cut ties",
  "hold talks", "impose a curfew"); wins over the bare verb.
* :data:`LIGHT_VERBS` — verbs that carry the type of their object event noun
  ("launch an offensive", "reach a deal", "deliver aid").
* :data:`NOUNS` — event nouns ("airstrike", "talks", "ceasefire"), used when the noun
  is the object of a light verb, or stands as an event of its own (subject of
  "continued", "began"; "the April 3 shelling").
* :data:`SCORES` — the PLOVER conflict–cooperation scores (manual table), by type and
  by ``TYPE: mode``.
"""

from __future__ import annotations

from functools import lru_cache

from storyline.text.vocab import SPEECH_VERBS as _SPEECH_VERBS

Trigger = tuple[str, str | None]  # (PLOVER type, mode or None)

VERBS: dict[str, Trigger] = {
    # AGREE
    "agree": ("AGREE", None), "sign": ("AGREE", None), "broker": ("AGREE", None),
    "pledge": ("AGREE", None), "promise": ("AGREE", None), "vow": ("AGREE", None),
    "offer": ("AGREE", None), "accept": ("AGREE", None), "ratify": ("AGREE", None),
    "endorse": ("SUPPORT", None), "commit": ("AGREE", None), "settle": ("AGREE", None),
    "reconcile": ("AGREE", None), "honour": ("AGREE", None), "honor": ("AGREE", None),
    # CONSULT
    "meet": ("CONSULT", None), "visit": ("CONSULT", "visit"), "negotiate": ("CONSULT", None),
    "discuss": ("CONSULT", None), "host": ("CONSULT", "multilateral"),
    "confer": ("CONSULT", None), "mediate": ("CONSULT", "third-party"),
    "travel": ("CONSULT", "visit"), "consult": ("CONSULT", None), "liaise": ("CONSULT", None),
    "phone": ("CONSULT", "phone"), "telephone": ("CONSULT", "phone"),
    "receive": ("CONSULT", "visit"),
    # SUPPORT
    "support": ("SUPPORT", None), "back": ("SUPPORT", None), "praise": ("SUPPORT", None),
    "welcome": ("SUPPORT", None), "thank": ("SUPPORT", None), "commend": ("SUPPORT", None),
    "hail": ("SUPPORT", None), "applaud": ("SUPPORT", None), "defend": ("SUPPORT", None),
    "congratulate": ("SUPPORT", None), "recognise": ("SUPPORT", None),
    # CAMEO 055/056, SUPPORT in the conversion table and the PLOVER gold records
    "apologize": ("SUPPORT", None), "apologise": ("SUPPORT", None),
    "forgive": ("SUPPORT", None), "compliment": ("SUPPORT", None),
    "recognize": ("SUPPORT", None), "appreciate": ("SUPPORT", None),
    "reaffirm": ("SUPPORT", None), "laud": ("SUPPORT", None), "salute": ("SUPPORT", None),
    # CONCEDE
    "concede": ("CONCEDE", None), "yield": ("CONCEDE", None), "drop": ("CONCEDE", None),
    "pardon": ("CONCEDE", None), "relent": ("CONCEDE", None), "acquit": ("CONCEDE", None),
    "surrender": ("RETREAT", None), "capitulate": ("RETREAT", None),
    "resign": ("RETREAT", "resign"), "abandon": ("CONCEDE", None),
    # COOPERATE
    "cooperate": ("COOPERATE", None), "co-operate": ("COOPERATE", None),
    "coordinate": ("COOPERATE", None), "collaborate": ("COOPERATE", None),
    "reopen": ("COOPERATE", None), "extradite": ("COOPERATE", None),
    "share": ("COOPERATE", None), "sell": ("COOPERATE", None), "supply": ("COOPERATE", None),
    "train": ("COOPERATE", None), "partner": ("COOPERATE", None),
    # AID
    "aid": ("AID", None), "donate": ("AID", None), "assist": ("AID", None),
    "help": ("AID", None), "fund": ("AID", None), "rescue": ("AID", None),
    "evacuate": ("AID", None), "shelter": ("AID", None), "airlift": ("AID", None),
    "resettle": ("AID", None), "finance": ("AID", None), "grant": ("AID", None),
    # RETREAT
    "withdraw": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"),
    "release": ("RETREAT", "release"), "free": ("RETREAT", "release"),
    "disarm": ("RETREAT", "disarm"), "demobilize": ("RETREAT", "disarm"),
    "demobilise": ("RETREAT", "disarm"), "repatriate": ("RETREAT", None),
    "evacuated": ("RETREAT", None), "return": ("RETREAT", None),
    "ease": ("RETREAT", None), "relax": ("RETREAT", None), "lift": ("RETREAT", None),
    "repeal": ("RETREAT", None), "unfreeze": ("RETREAT", None),
    # REQUEST
    "urge": ("REQUEST", "appeal"), "demand": ("REQUEST", None), "appeal": ("REQUEST", "appeal"),
    "recommend": ("REQUEST", "appeal"),
    "ask": ("REQUEST", "appeal"), "request": ("REQUEST", "appeal"), "implore": ("REQUEST", "appeal"),
    "press": ("REQUEST", None), "insist": ("REQUEST", None), "plead": ("REQUEST", "appeal"),
    "petition": ("REQUEST", "appeal"), "invite": ("REQUEST", "meet"),
    "encourage": ("REQUEST", "appeal"), "exhort": ("REQUEST", "appeal"), "seek": ("REQUEST", "appeal"),
    "pressure": ("REQUEST", None), "pressurize": ("REQUEST", None),
    "task": ("REQUEST", None),
    # ACCUSE
    "accuse": ("ACCUSE", "allege"), "blame": ("ACCUSE", "allege"),
    "condemn": ("ACCUSE", "disapprove"), "criticise": ("ACCUSE", "disapprove"),
    "criticize": ("ACCUSE", "disapprove"), "denounce": ("ACCUSE", "disapprove"),
    "censure": ("ACCUSE", "disapprove"), "slam": ("ACCUSE", "disapprove"),
    "decry": ("ACCUSE", "disapprove"), "deplore": ("ACCUSE", "disapprove"),
    "investigate": ("ACCUSE", "investigate"), "probe": ("ACCUSE", "investigate"),
    "allege": ("ACCUSE", "allege"), "charge": ("ACCUSE", "allege"),
    "rebuke": ("ACCUSE", "disapprove"), "summon": ("ACCUSE", "disapprove"),
    "sue": ("ACCUSE", "allege"), "lambaste": ("ACCUSE", "disapprove"),
    "castigate": ("ACCUSE", "disapprove"), "complain": ("ACCUSE", "disapprove"),
    "indict": ("ACCUSE", "allege"), "fault": ("ACCUSE", "disapprove"),
    "blast": ("ACCUSE", "disapprove"), "berate": ("ACCUSE", "disapprove"),
    "scold": ("ACCUSE", "disapprove"), "chastise": ("ACCUSE", "disapprove"),
    "arraign": ("ACCUSE", "allege"), "prosecute": ("ACCUSE", "allege"),
    # REJECT
    "reject": ("REJECT", None), "deny": ("REJECT", None), "refuse": ("REJECT", None),
    "veto": ("REJECT", None), "rebuff": ("REJECT", None), "dismiss": ("REJECT", None),
    "decline": ("REJECT", None), "spurn": ("REJECT", None), "oppose": ("REJECT", None),
    "boycott": ("PROTEST", "boycott"), "defy": ("REJECT", None), "resist": ("REJECT", None),
    # THREATEN
    "threaten": ("THREATEN", None), "warn": ("THREATEN", None),
    # PROTEST
    "protest": ("PROTEST", "demo"), "demonstrate": ("PROTEST", "demo"),
    "rally": ("PROTEST", "demo"), "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"),
    "picket": ("PROTEST", "demo"),
    # SANCTION
    "sanction": ("SANCTION", "discontinue"), "embargo": ("SANCTION", "discontinue"),
    "expel": ("SANCTION", "expel"), "suspend": ("SANCTION", "discontinue"),
    "sever": ("SANCTION", "discontinue"), "convict": ("SANCTION", "convict"),
    "sentence": ("SANCTION", "convict"), "ban": ("SANCTION", "discontinue"),
    "fine": ("SANCTION", "convict"),
    "halt": ("SANCTION", "discontinue"), "recall": ("SANCTION", "withdraw"),
    "freeze": ("SANCTION", "discontinue"), "close": ("SANCTION", "discontinue"),
    "revoke": ("SANCTION", "discontinue"), "cancel": ("SANCTION", "discontinue"),
    # MOBILIZE
    "deploy": ("MOBILIZE", "troops"), "reinforce": ("MOBILIZE", "troops"),
    "mobilise": ("MOBILIZE", "troops"), "mobilize": ("MOBILIZE", "troops"),
    "mass": ("MOBILIZE", "troops"), "patrol": ("MOBILIZE", "troops"),
    "station": ("MOBILIZE", "troops"),
    # COERCE
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"),
    "deport": ("COERCE", "deport"), "seize": ("COERCE", "seize"),
    "confiscate": ("COERCE", "seize"), "imprison": ("COERCE", "arrest"),
    "jail": ("COERCE", "arrest"), "raid": ("COERCE", None), "censor": ("COERCE", "censor"),
    "quarantine": ("COERCE", "restrict"), "bust": ("COERCE", "arrest"),
    "blockade": ("COERCE", "restrict"), "besiege": ("ASSAULT", None),
    "occupy": ("COERCE", "seize"), "annex": ("COERCE", "seize"),
    "execute": ("ASSAULT", "targeted"),
    "hack": ("COERCE", "cyber"), "intercept": ("COERCE", None), "storm": ("ASSAULT", None),
    "expropriate": ("COERCE", "seize"), "escort": ("COERCE", None),
    "kidnap": ("ASSAULT", "abduct"), "abduct": ("ASSAULT", "abduct"),
    # ASSAULT
    "attack": ("ASSAULT", None), "strike": ("ASSAULT", None), "shell": ("ASSAULT", "heavy-weapons"),
    "bomb": ("ASSAULT", "aerial"), "kill": ("ASSAULT", None), "assault": ("ASSAULT", None),
    "invade": ("ASSAULT", None), "fight": ("ASSAULT", None), "clash": ("ASSAULT", None),
    "bombard": ("ASSAULT", "heavy-weapons"), "pound": ("ASSAULT", "heavy-weapons"),
    "ambush": ("ASSAULT", None), "massacre": ("ASSAULT", None), "torture": ("ASSAULT", "torture"),
    "wound": ("ASSAULT", None), "injure": ("ASSAULT", None), "shoot": ("ASSAULT", "firearms"),
    "destroy": ("ASSAULT", "destroy"), "violate": ("ASSAULT", None), "target": ("ASSAULT", None),
    "assassinate": ("ASSAULT", "targeted"), "behead": ("ASSAULT", None),
    "hit": ("ASSAULT", None), "capture": ("ASSAULT", None), "murder": ("ASSAULT", None),
    "beat": ("ASSAULT", "beat"), "burn": ("ASSAULT", "destroy"),
    "torch": ("ASSAULT", "destroy"), "rape": ("ASSAULT", "sexual"),
    "airstrike": ("ASSAULT", "aerial"), "gas": ("ASSAULT", "unconventional"),
    "overrun": ("ASSAULT", None), "recapture": ("ASSAULT", None), "retake": ("ASSAULT", None),
    "retaliate": ("ASSAULT", None), "slaughter": ("ASSAULT", None),
    # taking ground by force: "defeated X", "advanced on/into Y", "retook Z"
    "defeat": ("ASSAULT", None), "advance": ("ASSAULT", None), "rout": ("ASSAULT", None),
    "purge": ("ASSAULT", None), "outlaw": ("COERCE", "restrict"),
    "demolish": ("ASSAULT", "destroy"), "bulldoze": ("ASSAULT", "destroy"),
    "deface": ("COERCE", "cyber"), "renege": ("REJECT", None),
    "clamour": ("REQUEST", "appeal"), "clamor": ("REQUEST", "appeal"), "tear-gas": ("ASSAULT", "crowd-control"),
    "commute": ("CONCEDE", None), "legalise": ("CONCEDE", None), "legalize": ("CONCEDE", None),
    "assure": ("AGREE", None), "swear": ("AGREE", None), "beg": ("REQUEST", "appeal"), "counsel": ("REQUEST", "appeal"),
    "solicit": ("REQUEST", "appeal"), "huddle": ("CONSULT", None),
    "shuttle": ("CONSULT", "third-party"), "bankroll": ("AID", None),
    "vet": ("ACCUSE", "investigate"),
    "stab": ("ASSAULT", None), "ransack": ("ASSAULT", "destroy"), "loot": ("ASSAULT", "destroy"),
    "raze": ("ASSAULT", "destroy"), "snatch": ("ASSAULT", "abduct"),
    "hijack": ("ASSAULT", "abduct"), "butcher": ("ASSAULT", None),
    "exterminate": ("ASSAULT", None), "detonate": ("ASSAULT", "explosives"),
    "lynch": ("ASSAULT", None), "firebomb": ("ASSAULT", "explosives"),
    "haggle": ("CONSULT", None), "convene": ("CONSULT", "multilateral"),
    "consent": ("AGREE", None), "volunteer": ("AGREE", None), "guarantee": ("AGREE", None),
    "absolve": ("AGREE", None), "readmit": ("RETREAT", "access"),
    "invest": ("COOPERATE", None), "disengage": ("RETREAT", "withdraw"),
    "scrutinise": ("ACCUSE", "investigate"), "scrutinize": ("ACCUSE", "investigate"),
    "inquire": ("ACCUSE", "investigate"), "enquire": ("ACCUSE", "investigate"),
    "repudiate": ("REJECT", None), "snub": ("REJECT", None),
    "entreat": ("REQUEST", "appeal"), "nudge": ("REQUEST", "appeal"),
    "prod": ("REQUEST", "appeal"), "advise": ("REQUEST", "appeal"),
    "lobby": ("REQUEST", "appeal"), "beseech": ("REQUEST", "appeal"), "battle": ("ASSAULT", None), "skirmish": ("ASSAULT", None),
    "suppress": ("COERCE", None), "quash": ("COERCE", None), "repress": ("COERCE", None),
}

# Verbs that never start an event by themselves in news prose, even if a lemma above
# would otherwise match through a noun homograph.
NOT_VERBS: frozenset[str] = frozenset()

VERB_PARTICLE: dict[tuple[str, str], Trigger] = {
    ("call", "on"): ("REQUEST", "appeal"), ("call", "for"): ("REQUEST", "appeal"),
    ("call", "upon"): ("REQUEST", "appeal"), ("appeal", "to"): ("REQUEST", "appeal"),
    ("push", "for"): ("REQUEST", "appeal"), ("press", "for"): ("REQUEST", None),
    ("pull", "back"): ("RETREAT", "withdraw"), ("pull", "out"): ("RETREAT", "withdraw"),
    ("back", "down"): ("CONCEDE", None), ("give", "up"): ("CONCEDE", None),
    ("step", "down"): ("RETREAT", "resign"), ("stand", "down"): ("RETREAT", "withdraw"),
    ("hand", "over"): ("RETREAT", None), ("lay", "down"): ("RETREAT", "disarm"),
    ("fire", "on"): ("ASSAULT", "firearms"), ("fire", "at"): ("ASSAULT", "firearms"),
    ("fire", "into"): ("ASSAULT", "firearms"), ("open", "fire"): ("ASSAULT", "firearms"),
    ("crack", "down"): ("COERCE", None), ("move", "into"): ("MOBILIZE", "troops"),
    ("cross", "into"): ("MOBILIZE", "troops"), ("speak", "with"): ("CONSULT", "phone"),
    ("talk", "with"): ("CONSULT", None), ("talk", "to"): ("CONSULT", None),
    ("speak", "to"): ("CONSULT", None), ("push", "into"): ("ASSAULT", None),
    ("side", "with"): ("SUPPORT", None), ("stand", "by"): ("SUPPORT", None),
    ("hold", "back"): ("SANCTION", "withhold"), ("shut", "down"): ("SANCTION", "discontinue"),
    ("walk", "out"): ("PROTEST", None), ("set", "up"): ("COOPERATE", None),
    ("reach", "out"): ("CONSULT", None), ("take", "over"): ("COERCE", "seize"),
    ("send", "back"): ("COERCE", "deport"), ("break", "off"): ("SANCTION", "discontinue"),
    ("go", "back"): ("RETREAT", None), ("come", "back"): ("RETREAT", None),
    ("move", "back"): ("RETREAT", "withdraw"), ("roll", "back"): ("RETREAT", None),
    ("let", "free"): ("RETREAT", "release"), ("let", "go"): ("RETREAT", "release"),
    ("force", "out"): ("SANCTION", "expel"), ("kick", "out"): ("SANCTION", "expel"),
    ("vote", "down"): ("REJECT", None), ("turn", "down"): ("REJECT", None),
    ("round", "up"): ("COERCE", "arrest"), ("clamp", "down"): ("COERCE", None),
    ("blow", "up"): ("ASSAULT", "explosives"), ("hack", "into"): ("COERCE", "cyber"),
    ("break", "up"): ("COERCE", None),
    ("rule", "out"): ("REJECT", None), ("vote", "against"): ("REJECT", None),
    ("set", "free"): ("RETREAT", "release"), ("join", "forces"): ("COOPERATE", None),
    ("team", "up"): ("COOPERATE", None), ("walk", "off"): ("PROTEST", "strike"),
    ("camp", "out"): ("PROTEST", "demo"), ("roll", "into"): ("ASSAULT", None),
    ("drive", "out"): ("ASSAULT", None), ("enter", "into"): ("CONSULT", None),
    ("spring", "to"): ("SUPPORT", None), ("throw", "weight"): ("SUPPORT", None),
    ("gun", "down"): ("ASSAULT", "firearms"), ("mow", "down"): ("ASSAULT", "firearms"),
    ("sit", "down"): ("CONSULT", None), ("tip", "off"): ("COOPERATE", None),
    ("lash", "out"): ("ACCUSE", "disapprove"), ("rail", "against"): ("ACCUSE", "disapprove"),
    ("tear", "up"): ("REJECT", None), ("hand", "back"): ("RETREAT", None),
    ("cut", "off"): ("SANCTION", "discontinue"), ("speak", "up"): ("SUPPORT", None),
    ("clamour", "for"): ("REQUEST", "appeal"), ("clamor", "for"): ("REQUEST", "appeal"),
    ("write", "off"): ("AID", None), ("buy", "into"): ("COOPERATE", None),
    ("stand", "firm"): ("REJECT", None), ("stick", "to"): ("REJECT", None),
    ("call", "up"): ("MOBILIZE", "troops"), ("look", "into"): ("ACCUSE", "investigate"),
    ("take", "in"): ("AID", None),
}

# verb lemma -> {object noun lemma -> trigger}
# Blame that the subject of "faced", "drew", "attracted" or "received" gets from the
# "from" phrase ("drew complaints from Mexico": Mexico accuses; see RECEIVE_VERBS).
_BLAME_RECEIVED: dict[str, Trigger] = {o: ("ACCUSE", "disapprove") for o in (
    "criticism", "complaint", "condemnation", "rebuke", "censure", "ire", "outrage")}

VERB_OBJECT: dict[str, dict[str, Trigger]] = {
    # stopping or cutting aid, links or talks reduces relations (CAMEO 16, PLOVER SANCTION)
    "suspend": {**{o: ("SANCTION", "discontinue") for o in (
        "aid", "assistance", "funding", "fund", "cooperation", "talk", "negotiation", "tie",
        "relation", "link", "flight", "membership", "mediation", "dialogue", "trade",
        "contact", "export", "import", "loan", "grant", "program", "programme")},
                "publication": ("COERCE", "censor"), "broadcast": ("COERCE", "censor"),
                "newspaper": ("COERCE", "censor")},
    "halt": {o: ("SANCTION", "discontinue") for o in (
        "aid", "assistance", "funding", "cooperation", "talk", "negotiation", "trade",
        "export", "import", "flight", "mediation", "contact", "dialogue")},
    "withhold": {o: ("SANCTION", "discontinue") for o in (
        "aid", "assistance", "funding", "fund", "payment", "support", "cooperation")},
    "stop": {**{o: ("SANCTION", "discontinue") for o in (
        "aid", "assistance", "funding", "cooperation", "trade", "export", "import")},
             "work": ("PROTEST", "strike")},
    "shun": {"work": ("PROTEST", "strike")},
    "sever": {"tie": ("SANCTION", "discontinue"), "relation": ("SANCTION", "discontinue")},
    "impose": {"sanction": ("SANCTION", "discontinue"), "embargo": ("SANCTION", "discontinue"),
               "curfew": ("COERCE", "curfew"), "ban": ("SANCTION", "discontinue"),
               "tariff": ("SANCTION", "discontinue"), "restriction": ("COERCE", "restrict"),
               "martial": ("COERCE", "martial-law"), "blockade": ("COERCE", "restrict"),
               "measure": ("SANCTION", "discontinue"), "fine": ("SANCTION", "convict"),
               "penalty": ("SANCTION", "convict")},
    "reimpose": {"sanction": ("SANCTION", "discontinue"), "embargo": ("SANCTION", "discontinue"),
               "curfew": ("COERCE", "curfew"), "ban": ("SANCTION", "discontinue"),
               "tariff": ("SANCTION", "discontinue"), "restriction": ("COERCE", "restrict"),
               "martial": ("COERCE", "martial-law"), "blockade": ("COERCE", "restrict"),
               "measure": ("SANCTION", "discontinue"), "fine": ("SANCTION", "convict"),
               "penalty": ("SANCTION", "convict")},
    "hold": {"talk": ("CONSULT", None), "meeting": ("CONSULT", None),
             "negotiation": ("CONSULT", None), "discussion": ("CONSULT", None),
             "summit": ("CONSULT", "multilateral"), "session": ("CONSULT", None),
             "consultation": ("CONSULT", None), "call": ("CONSULT", "phone"),
             "rally": ("PROTEST", "demo"), "protest": ("PROTEST", "demo"),
             "demonstration": ("PROTEST", "demo"), "election": ("", None),
             "hostage": ("ASSAULT", "abduct"), "exercise": ("MOBILIZE", "troops"),
             "drill": ("MOBILIZE", "troops"), "captive": ("ASSAULT", "abduct"),
             "prisoner": ("COERCE", "arrest")},
    "grant": {"access": ("RETREAT", "access"), "permission": ("RETREAT", "access"),
              "amnesty": ("CONCEDE", None), "asylum": ("AID", None), "pardon": ("CONCEDE", None)},
    "open": {"fire": ("ASSAULT", "firearms"), "border": ("COOPERATE", None),
             "investigation": ("ACCUSE", "investigate"), "talk": ("CONSULT", None),
             "inquiry": ("ACCUSE", "investigate"), "hearing": ("ACCUSE", "investigate"),
             "airspace": ("COOPERATE", None), "market": ("COOPERATE", None),
             "probe": ("ACCUSE", "investigate"), "embassy": ("COOPERATE", None),
             "crossing": ("COOPERATE", None), "consulate": ("COOPERATE", None),
             "pipeline": ("COOPERATE", None), "corridor": ("COOPERATE", None),
             "route": ("COOPERATE", None), "railway": ("COOPERATE", None)},
    # infrastructure two states open together is economic cooperation (CAMEO 061)
    "inaugurate": {o: ("COOPERATE", None) for o in (
        "pipeline", "corridor", "route", "railway", "line", "bridge", "crossing", "port",
        "embassy", "consulate", "link", "interconnector", "plant")},
    "express": {"concern": ("", None), "condolence": ("", None), "support": ("SUPPORT", None),
                "solidarity": ("SUPPORT", None), "regret": ("ACCUSE", "disapprove"),
                "outrage": ("ACCUSE", "disapprove"), "anger": ("ACCUSE", "disapprove"),
                "readiness": ("AGREE", None), "willingness": ("AGREE", None),
                "gratitude": ("SUPPORT", None), "appreciation": ("SUPPORT", None),
                "dismay": ("ACCUSE", "disapprove"), "opposition": ("REJECT", None)},
    "file": {"complaint": ("ACCUSE", "disapprove"), "lawsuit": ("ACCUSE", "allege"),
             "case": ("ACCUSE", "allege"), "suit": ("ACCUSE", "allege"),
             "charge": ("ACCUSE", "allege"), "petition": ("REQUEST", "appeal")},
    "lodge": {"complaint": ("ACCUSE", "disapprove"), "protest": ("ACCUSE", "disapprove")},
    # "submitted a petition to Congress": an appeal to the one it is handed to
    "submit": {"petition": ("REQUEST", "appeal"), "complaint": ("ACCUSE", "disapprove"),
               "appeal": ("REQUEST", "appeal")},
    "make": {"visit": ("CONSULT", "visit"), "trip": ("CONSULT", "visit"),
             "demand": ("REQUEST", None), "appeal": ("REQUEST", "appeal"),
             "concession": ("CONCEDE", None), "offer": ("AGREE", None),
             "threat": ("THREATEN", None), "accusation": ("ACCUSE", "allege"),
             "arrest": ("COERCE", "arrest"), "call": ("CONSULT", "phone"),
             "pledge": ("AGREE", None), "promise": ("AGREE", None)},
    "pay": {"visit": ("CONSULT", "visit"), "compensation": ("RETREAT", None),
            "tribute": ("SUPPORT", None), "salary": ("AID", None), "wage": ("AID", None),
            "pension": ("AID", None)},
    "send": {"troop": ("MOBILIZE", "troops"), "force": ("MOBILIZE", "troops"),
             "reinforcement": ("MOBILIZE", "troops"), "warship": ("MOBILIZE", "weapons"),
             **{o: ("MOBILIZE", "troops") for o in (
                 "soldier", "platoon", "battalion", "brigade", "contingent", "marine",
                 "paratrooper", "commando", "regiment")},
             "aid": ("AID", None), "food": ("AID", None), "supply": ("AID", None),
             "convoy": ("AID", None), "assistance": ("AID", None), "doctor": ("AID", None),
             "message": ("CONSULT", None), "letter": ("CONSULT", None),
             "envoy": ("CONSULT", "visit"), "delegation": ("CONSULT", "visit")},
    "reach": {"agreement": ("AGREE", None), "deal": ("AGREE", None),
              "accord": ("AGREE", None), "consensus": ("AGREE", None),
              "ceasefire": ("AGREE", None), "truce": ("AGREE", None),
              "compromise": ("AGREE", None), "settlement": ("AGREE", None),
              "understanding": ("AGREE", None)},
    "break": {"ceasefire": ("ASSAULT", None), "truce": ("ASSAULT", None),
              "tie": ("SANCTION", "discontinue"), "siege": ("ASSAULT", None)},
    "expel": {},
    "recall": {"ambassador": ("SANCTION", "withdraw"), "envoy": ("SANCTION", "withdraw")},
    # withdrawing peacekeepers, monitors or an envoy reduces relations (CAMEO 166)
    "withdraw": {o: ("SANCTION", "withdraw") for o in (
        "peacekeeper", "monitor", "observer", "ambassador", "envoy", "diplomat",
        "inspector", "mission", "staff", "aid", "support", "funding", "recognition",
        "membership", "accreditation")},
    "remove": {"sanction": ("CONCEDE", None), "embargo": ("CONCEDE", None),
               "ban": ("CONCEDE", None), "restriction": ("CONCEDE", None),
               "tariff": ("CONCEDE", None), "blockade": ("CONCEDE", None),
               "checkpoint": ("CONCEDE", None), "curfew": ("CONCEDE", None)},
    "cancel": {"restriction": ("CONCEDE", None), "curfew": ("CONCEDE", None),
               "ban": ("CONCEDE", None), "sanction": ("CONCEDE", None)},
    "shorten": {"curfew": ("CONCEDE", None)},
    # blocking roads is a protest (PLOVER PROTEST obstruct)
    "block": {o: ("PROTEST", "obstruct") for o in (
        "road", "street", "highway", "bridge", "traffic", "transport", "railway", "rail",
        "entrance", "motorway", "junction", "port", "intersection", "route")},
    "prohibit": {"aid": ("SANCTION", "discontinue"), "assistance": ("SANCTION", "discontinue"),
                 "trade": ("SANCTION", "discontinue"), "export": ("SANCTION", "discontinue"),
                 "party": ("COERCE", "restrict"), "rally": ("COERCE", "restrict"),
                 "protest": ("COERCE", "restrict"), "demonstration": ("COERCE", "restrict"),
                 "gathering": ("COERCE", "restrict")},
    # banning a party, a paper or a person from office is coercion (CAMEO 17, PLOVER COERCE)
    "ban": {**{o: ("COERCE", "censor") for o in (
        "newspaper", "paper", "medium", "publication", "broadcaster", "channel", "website",
        "station", "outlet", "book", "film", "journalist", "reporter")},
            **{o: ("COERCE", "restrict") for o in (
        "party", "organization", "organisation", "group", "movement", "union", "opposition",
        "leader", "candidate", "rally", "protest", "demonstration", "gathering", "activist",
        "association", "member", "politician", "lawmaker", "assembly", "march")}},
    "close": {"border": ("COERCE", "restrict"), "embassy": ("SANCTION", "discontinue"),
              "crossing": ("COERCE", "restrict"), "airspace": ("COERCE", "restrict"),
              "consulate": ("SANCTION", "discontinue"), "newspaper": ("COERCE", "censor"),
              "port": ("COERCE", "restrict"), "airport": ("COERCE", "restrict")},
    # building up forces (CAMEO 15, PLOVER MOBILIZE)
    **{v: {o: ("MOBILIZE", "troops") for o in (
        "force", "troop", "presence", "deployment", "garrison", "military", "defense",
        "defence", "contingent", "battalion")} for v in (
        "strengthen", "bolster", "boost", "increase", "intensify", "beef", "expand",
        "augment", "double", "triple", "build")},
    "set": {"deadline": ("THREATEN", None), "ultimatum": ("THREATEN", None)},
    # moving forces (CAMEO 15)
    **{v: {o: ("MOBILIZE", "troops") for o in (
        "troop", "force", "soldier", "reinforcement", "warship", "carrier", "frigate",
        "destroyer", "battalion", "unit", "tank", "artillery", "reservist", "army",
        "brigade", "division", "jet", "warplane", "bomber", "submarine", "fleet")}
       for v in ("dispatch", "move", "rush", "redeploy", "position", "amass", "muster")},
    "dissolve": {o: ("COERCE", "restrict") for o in (
        "party", "parliament", "organization", "organisation", "union", "movement", "group",
        "association", "assembly", "council", "legislature", "opposition")},
    "scramble": {o: ("MOBILIZE", "troops") for o in (
        "jet", "fighter", "warplane", "aircraft", "interceptor", "troop", "force")},
    "concentrate": {o: ("MOBILIZE", "troops") for o in (
        "troop", "force", "fighter", "soldier", "unit", "armour", "armor", "tank")},
    "parade": {o: ("MOBILIZE", "weapons") for o in (
        "missile", "weapon", "tank", "rocket", "drone", "hardware")},
    "affix": {"signature": ("AGREE", None)},
    "ink": {o: ("AGREE", None) for o in ("deal", "agreement", "accord", "protocol", "pact",
                                            "treaty", "memorandum", "contract")},
    "float": {o: ("AGREE", None) for o in ("truce", "ceasefire", "proposal", "plan", "deal",
                                             "offer")},
    "signal": {"readiness": ("AGREE", None), "willingness": ("AGREE", None)},
    "elevate": {"tie": ("SUPPORT", None), "relation": ("SUPPORT", None)},
    "downgrade": {"tie": ("SANCTION", "discontinue"), "relation": ("SANCTION", "discontinue")},
    "swap": {"prisoner": ("RETREAT", "release"), "captive": ("RETREAT", "release"),
             "datum": ("COOPERATE", None), "information": ("COOPERATE", None),
             "intelligence": ("COOPERATE", None)},
    "institute": {"proceeding": ("ACCUSE", "allege"), "proceedings": ("ACCUSE", "allege")},
    "down": {"tool": ("PROTEST", "strike")},
    "paralyse": {o: ("PROTEST", "obstruct") for o in (
        "highway", "road", "traffic", "city", "capital", "port", "country", "street")},
    "choke": {o: ("PROTEST", "obstruct") for o in (
        "crossing", "road", "highway", "street", "traffic", "border", "port")},
    "barricade": {o: ("PROTEST", "obstruct") for o in ("road", "street", "highway", "bridge")},
    "restrict": {"access": ("COERCE", "censor"), "movement": ("COERCE", "restrict"),
                 "travel": ("COERCE", "restrict")},
    "use": {o: ("ASSAULT", "unconventional") for o in (
        "sarin", "chlorine", "nerve", "chemical", "napalm", "mustard")},
    "rally": {"support": ("SUPPORT", None), "backing": ("SUPPORT", None)},
    # "would lend its support to the mission", "lent assistance to the search"
    "lend": {"support": ("SUPPORT", None), "backing": ("SUPPORT", None),
             "weight": ("SUPPORT", None), "assistance": ("AID", None), "aid": ("AID", None),
             "help": ("AID", None), "expertise": ("AID", None)},
    "play": {"host": ("CONSULT", "multilateral")},
    "extend": {"loan": ("AID", None), "credit": ("AID", None), "aid": ("AID", None)},
    "give": {"permission": ("RETREAT", "access"), "access": ("RETREAT", "access"),
             "deadline": ("THREATEN", None), "ultimatum": ("THREATEN", None),
             "support": ("SUPPORT", None), "aid": ("AID", None), "asylum": ("AID", None),
             "refuge": ("AID", None), "sanctuary": ("AID", None),
             "welcome": ("CONSULT", "visit")},
    "scrap": {o: ("CONCEDE", None) for o in (
        "tariff", "sanction", "restriction", "ban", "curfew", "cut", "duty", "law", "levy",
        "tax", "requirement", "rule")},
    "acquire": {"stake": ("COOPERATE", None)},
    "address": {"plea": ("REQUEST", "appeal"), "appeal": ("REQUEST", "appeal")},
    "voice": {"support": ("SUPPORT", None), "solidarity": ("SUPPORT", None),
              "opposition": ("REJECT", None), "outrage": ("ACCUSE", "disapprove"),
              "anger": ("ACCUSE", "disapprove"), "call": ("REQUEST", "appeal")},
    "take": {"control": ("COERCE", "seize"), "hostage": ("ASSAULT", "abduct"),
             "step": ("", None), "part": ("", None), "place": ("", None),
             "exception": ("ACCUSE", "disapprove")},
    "bring": {"case": ("ACCUSE", "allege"), "lawsuit": ("ACCUSE", "allege"),
              "charge": ("ACCUSE", "allege"), "suit": ("ACCUSE", "allege")},
    "seek": {"safety": ("", None), "cover": ("", None), "treatment": ("", None),
             "work": ("", None), "re-election": ("", None), "office": ("", None),
             "reparation": ("REQUEST", None), "compensation": ("REQUEST", None),
             "extradition": ("REQUEST", None)},
    "raise": {"incident": ("ACCUSE", "disapprove"),
              "objection": ("ACCUSE", "disapprove"), "issue": ("ACCUSE", "disapprove"),
              "spectre": ("THREATEN", None), "specter": ("THREATEN", None)},
    "put": {"plea": ("REQUEST", "appeal"), "appeal": ("REQUEST", "appeal")},
    "swear": {"revenge": ("THREATEN", None), "vengeance": ("THREATEN", None),
              "retaliation": ("THREATEN", None)},
    "face": {"consequence": ("THREATEN", None), **_BLAME_RECEIVED,
             "lawsuit": ("ACCUSE", "allege"), "suit": ("ACCUSE", "allege"),
             "charge": ("ACCUSE", "allege"), "accusation": ("ACCUSE", "allege"),
             "allegation": ("ACCUSE", "allege"), "threat": ("THREATEN", None),
             "sanction": ("SANCTION", None), "call": ("REQUEST", None)},
    "attract": dict(_BLAME_RECEIVED),
    "incur": dict(_BLAME_RECEIVED),
    "issue": {"ultimatum": ("THREATEN", None), "warning": ("THREATEN", None),
              "threat": ("THREATEN", None), "warrant": ("COERCE", "arrest"),
              "condemnation": ("ACCUSE", "disapprove"), "appeal": ("REQUEST", "appeal"),
              "call": ("REQUEST", None), "invitation": ("REQUEST", "meet"),
              "notice": ("THREATEN", None), "plea": ("REQUEST", "appeal"),
              "apology": ("SUPPORT", None), "reminder": ("REQUEST", None),
              "demand": ("REQUEST", None)},
    "serve": {o: ("AID", None) for o in ("meal", "food", "ration", "water")},
    "station": {"hospital": ("AID", None), "ship": ("AID", None)},
    "allow": {o: ("RETREAT", "access") for o in (
        "access", "inspector", "observer", "monitor", "journalist", "worker", "peacekeeper",
        "convoy", "investigator", "delegation")},
    "reopen": {"embassy": ("SUPPORT", None), "consulate": ("SUPPORT", None),
               "mission": ("SUPPORT", None)},
    "restore": {"tie": ("SUPPORT", None), "relation": ("SUPPORT", None),
                "access": ("RETREAT", "access"), "internet": ("CONCEDE", None)},
    "cut": {"tariff": ("CONCEDE", None), "duty": ("CONCEDE", None),
            "internet": ("COERCE", "restrict"), "electricity": ("COERCE", "restrict"),
            "communication": ("COERCE", "restrict"), "phone": ("COERCE", "restrict"),
            "assistance": ("SANCTION", "discontinue"), "link": ("SANCTION", "discontinue"),
            "tie": ("SANCTION", "discontinue"), "relation": ("SANCTION", "discontinue"),
            "aid": ("SANCTION", "discontinue"), "funding": ("SANCTION", "discontinue")},
    "provide": {"aid": ("AID", None), "assistance": ("AID", None), "food": ("AID", None),
                "support": ("SUPPORT", None), "shelter": ("AID", None),
                "fund": ("AID", None), "funding": ("AID", None), "training": ("COOPERATE", None),
                "intelligence": ("COOPERATE", None), "datum": ("COOPERATE", None),
                "loan": ("AID", None)},
    "deliver": {"aid": ("AID", None), "food": ("AID", None), "assistance": ("AID", None),
                "supply": ("AID", None),
                "speech": ("", None), "message": ("", None), "blow": ("ASSAULT", None)},
    "lift": {"sanction": ("CONCEDE", None), "embargo": ("CONCEDE", None),
             "ban": ("CONCEDE", None), "siege": ("RETREAT", None), "tariff": ("CONCEDE", None),
             "blockade": ("RETREAT", None), "curfew": ("CONCEDE", None),
             "restriction": ("CONCEDE", None), "boycott": ("CONCEDE", None),
             "emergency": ("CONCEDE", None), "measure": ("CONCEDE", None),
             "law": ("CONCEDE", None), "state": ("CONCEDE", None)},
    "ease": {"sanction": ("CONCEDE", None), "restriction": ("CONCEDE", None),
             "curfew": ("CONCEDE", None), "tariff": ("CONCEDE", None),
             "emergency": ("CONCEDE", None), "measure": ("CONCEDE", None),
             "law": ("CONCEDE", None), "state": ("CONCEDE", None)},
    "reduce": {"tariff": ("CONCEDE", None), "sanction": ("CONCEDE", None),
               "supply": ("SANCTION", "discontinue"), "food": ("SANCTION", "discontinue"),
               "aid": ("SANCTION", "discontinue"), "assistance": ("SANCTION", "discontinue"),
               "funding": ("SANCTION", "discontinue"), "tie": ("SANCTION", "discontinue"),
               "relation": ("SANCTION", "discontinue"), "cooperation": ("SANCTION", "discontinue"),
               "troop": ("RETREAT", "withdraw"), "presence": ("RETREAT", "withdraw")},
    "announce": {"ceasefire": ("RETREAT", "ceasefire"), "cessation": ("RETREAT", "ceasefire"), "truce": ("RETREAT", "ceasefire"),
                 "withdrawal": ("RETREAT", "withdraw"), "release": ("RETREAT", "release"),
                 **{o: ("AID", None) for o in ("aid", "assistance", "funding", "donation",
                                                "grant", "relief")}},
    "approve": {"extradition": ("COOPERATE", None), "aid": ("AID", None),
                "sale": ("COOPERATE", None)},
    "declare": {"ceasefire": ("RETREAT", "ceasefire"), "cessation": ("RETREAT", "ceasefire"), "truce": ("RETREAT", "ceasefire"),
                "war": ("THREATEN", None), "emergency": ("COERCE", "restrict"),
                "siege": ("COERCE", "martial-law"), "martial": ("COERCE", "martial-law"),
                "curfew": ("COERCE", "curfew"), "independence": ("", None)},
    "violate": {"ceasefire": ("ASSAULT", None), "truce": ("ASSAULT", None),
                "territory": ("ASSAULT", None), "airspace": ("ASSAULT", None),
                "agreement": ("ASSAULT", None), "sovereignty": ("ASSAULT", None)},
    "observe": {"ceasefire": ("CONCEDE", None), "truce": ("CONCEDE", None)},
    "respect": {"ceasefire": ("CONCEDE", None), "truce": ("CONCEDE", None)},
    "drop": {"demand": ("CONCEDE", None), "charge": ("CONCEDE", None),
             "bomb": ("ASSAULT", "aerial"), "objection": ("CONCEDE", None)},
    "accept": {"demand": ("CONCEDE", None), "condition": ("CONCEDE", None),
               "resignation": ("", None), "refugee": ("AID", None)},
    "meet": {"demand": ("CONCEDE", None)},
    "launch": {"investigation": ("ACCUSE", "investigate"), "probe": ("ACCUSE", "investigate"),
               "inquiry": ("ACCUSE", "investigate"), "campaign": ("", None)},
    "exchange": {"fire": ("ASSAULT", "firearms"), "prisoner": ("RETREAT", "release"),
                 "datum": ("COOPERATE", None), "information": ("COOPERATE", None),
                 "intelligence": ("COOPERATE", None), "list": ("COOPERATE", None),
                 "expertise": ("COOPERATE", None), "technology": ("COOPERATE", None),
                 "view": ("CONSULT", None)},
    "return": {"fire": ("ASSAULT", "firearms"), "fighter": ("RETREAT", None),
               **{o: ("RETREAT", None) for o in (
                   "weapon", "equipment", "property", "land", "territory", "artefact",
                   "artifact", "remains", "body", "asset", "vessel", "ship", "hostage",
                   "prisoner", "detainee", "bronze", "sculpture", "manuscript", "treasure")}},
    "host": {"refugee": ("AID", None), "migrant": ("AID", None), "talk": ("CONSULT", None),
             "summit": ("CONSULT", "multilateral"), "meeting": ("CONSULT", None)},
    "receive": {"aid": ("", None), "call": ("CONSULT", "phone"),
                "observer": ("RETREAT", "access"), "monitor": ("RETREAT", "access"),
                "inspector": ("RETREAT", "access"),
                "support": ("SUPPORT", None), "backing": ("SUPPORT", None),
                **_BLAME_RECEIVED, "threat": ("THREATEN", None)},
    "draw": dict(_BLAME_RECEIVED),
    # "gained support from X": X supports (source and target swap, see RECEIVE_VERBS)
    "gain": {"support": ("SUPPORT", None), "backing": ("SUPPORT", None)},
    "win": {"support": ("SUPPORT", None), "backing": ("SUPPORT", None)},
    "garner": {"support": ("SUPPORT", None), "backing": ("SUPPORT", None)},
    # diplomatic relations are recognition (PLOVER SUPPORT, CAMEO 05)
    **{v: {"tie": ("SUPPORT", None), "relation": ("SUPPORT", None)} for v in (
        "establish", "upgrade", "normalise", "normalize", "resume", "renew")},
    "sign": {"deal": ("AGREE", None), "agreement": ("AGREE", None)},
    "conduct": {"exercise": ("MOBILIZE", "troops"), "drill": ("MOBILIZE", "troops"),
                "raid": ("COERCE", None), "investigation": ("ACCUSE", "investigate"),
                "patrol": ("MOBILIZE", "troops")},
    "carry": {},
    "freeze": {"asset": ("SANCTION", "discontinue"), "account": ("SANCTION", "discontinue")},
    "accept_": {},
}

# Verbs whose subject receives the act of their object noun: the source is the "from"
# phrase ("gained support from X", "received backing from Y").
RECEIVE_VERBS: frozenset[str] = frozenset({"gain", "win", "garner", "receive", "get", "draw",
                                           "face", "attract", "incur"})
# The types whose source and target RECEIVE_VERBS swap ("faced criticism from X": X
# accuses the subject); others keep the subject as source ("received a call": a talk).
RECEIVED_TYPES: frozenset[str] = frozenset({"SUPPORT", "AID", "ACCUSE", "THREATEN",
                                            "SANCTION", "REQUEST"})

# Verbs that take the type of an event noun object ("launch an offensive").
LIGHT_VERBS: frozenset[str] = frozenset({
    "launch", "carry", "conduct", "stage", "mount", "hold", "impose", "reach", "deliver",
    "provide", "send", "announce", "begin", "start", "resume", "continue", "intensify",
    "step", "escalate", "initiate", "order", "unleash", "undertake", "perform", "make",
    "give", "offer", "extend", "pledge", "promise", "approve", "authorize", "authorise",
    "organize", "organise", "lead", "join", "renew", "take", "commit", "allocate",
    "dispatch", "pay", "host", "seal", "strike", "agree", "sign", "broker", "accept",
    "perpetrate", "rehearse", "form", "complete",
    "declare", "end", "halt", "suspend", "postpone", "delay", "plan", "prepare",
    "reiterate", "repeat", "restate", "echo",
})

# Light verbs among VERBS whose own type yields to the object noun's type.
YIELD_TO_OBJECT: frozenset[str] = frozenset({
    "offer", "pledge", "promise", "host", "strike", "accept", "commit", "halt", "suspend",
    "make", "give",
})

NOUNS: dict[str, Trigger] = {
    # CONSULT
    "talk": ("CONSULT", None), "meeting": ("CONSULT", None), "summit": ("CONSULT", "multilateral"),
    "negotiation": ("CONSULT", None), "visit": ("CONSULT", "visit"),
    "consultation": ("CONSULT", None), "session": ("CONSULT", None),
    "conference": ("CONSULT", "multilateral"), "phone": ("CONSULT", "phone"),
    "mediation": ("CONSULT", "third-party"), "dialogue": ("CONSULT", None),
    "discussion": ("CONSULT", None),
    # AGREE
    "agreement": ("AGREE", None), "deal": ("AGREE", None), "ceasefire": ("AGREE", None),
    "truce": ("AGREE", None), "accord": ("AGREE", None), "treaty": ("AGREE", None),
    "armistice": ("AGREE", None), "pact": ("AGREE", None), "settlement": ("AGREE", None),
    "memorandum": ("AGREE", None),
    # AID
    "aid": ("AID", None), "assistance": ("AID", None), "convoy": ("AID", None),
    "donation": ("AID", None), "relief": ("AID", None),
    "extradition": ("COOPERATE", None), "donor": ("AID", None),
    # RETREAT
    "withdrawal": ("RETREAT", "withdraw"), "pullout": ("RETREAT", "withdraw"),
    "release": ("RETREAT", "release"), "evacuation": ("RETREAT", None),
    # MOBILIZE
    "deployment": ("MOBILIZE", "troops"), "build-up": ("MOBILIZE", "troops"),
    "buildup": ("MOBILIZE", "troops"), "reinforcement": ("MOBILIZE", "troops"),
    "mobilisation": ("MOBILIZE", "troops"), "mobilization": ("MOBILIZE", "troops"),
    "exercise": ("MOBILIZE", "troops"), "drill": ("MOBILIZE", "troops"),
    # ASSAULT
    "attack": ("ASSAULT", None), "airstrike": ("ASSAULT", "aerial"),
    "strike": ("ASSAULT", None), "air": ("", None), "shelling": ("ASSAULT", "heavy-weapons"),
    "bombing": ("ASSAULT", "explosives"), "bombardment": ("ASSAULT", "heavy-weapons"),
    "offensive": ("ASSAULT", None), "assault": ("ASSAULT", None), "clash": ("ASSAULT", None),
    "fighting": ("ASSAULT", None), "invasion": ("ASSAULT", None), "raid": ("ASSAULT", None),
    "siege": ("ASSAULT", None), "violation": ("ASSAULT", None), "ambush": ("ASSAULT", None),
    "massacre": ("ASSAULT", None), "killing": ("ASSAULT", None), "operation": ("", None),
    "incursion": ("ASSAULT", None), "hostility": ("ASSAULT", None),
    "intervention": ("ASSAULT", None), "war": ("", None), "battle": ("ASSAULT", None),
    "shell": ("ASSAULT", "heavy-weapons"), "rocket": ("", None), "crossfire": ("ASSAULT", None),
    "barrage": ("ASSAULT", "heavy-weapons"), "bomb": ("", None), "violence": ("", None),
    # COERCE
    "arrest": ("COERCE", "arrest"), "crackdown": ("COERCE", None),
    "detention": ("COERCE", "arrest"), "curfew": ("COERCE", "curfew"),
    "blockade": ("COERCE", "restrict"), "deportation": ("COERCE", "deport"),
    "seizure": ("COERCE", "seize"),
    # SANCTION
    "sanction": ("SANCTION", "discontinue"), "embargo": ("SANCTION", "discontinue"),
    "expulsion": ("SANCTION", "expel"), "boycott": ("PROTEST", "boycott"),
    # PROTEST
    "protest": ("PROTEST", "demo"), "demonstration": ("PROTEST", "demo"),
    "rally": ("PROTEST", "demo"), "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"),
    "sit-in": ("PROTEST", "demo"), "strike_": ("PROTEST", "strike"),
    # verbal ones as nouns
    "accusation": ("ACCUSE", "allege"), "condemnation": ("ACCUSE", "disapprove"),
    "criticism": ("ACCUSE", "disapprove"), "investigation": ("ACCUSE", "investigate"),
    "probe": ("ACCUSE", "investigate"), "inquiry": ("ACCUSE", "investigate"),
    "demand": ("REQUEST", None), "appeal": ("REQUEST", "appeal"), "request": ("REQUEST", "appeal"),
    "ultimatum": ("THREATEN", None), "threat": ("THREATEN", None), "game": ("", None), "warning": ("THREATEN", None),
    "rejection": ("REJECT", None), "denial": ("REJECT", None), "veto": ("REJECT", None),
    "support": ("SUPPORT", None), "backing": ("SUPPORT", None),
    "cooperation": ("COOPERATE", None), "co-operation": ("COOPERATE", None),
    "concession": ("CONCEDE", None), "amnesty": ("CONCEDE", None),
    "resignation": ("RETREAT", "resign"), "surrender": ("CONCEDE", None),
    "airraid": ("ASSAULT", "aerial"), "air-raid": ("ASSAULT", "aerial"),
    "patrol": ("MOBILIZE", "troops"),
    "walkout": ("PROTEST", "strike"), "stoppage": ("PROTEST", "strike"),
    "sortie": ("ASSAULT", "aerial"), "go-between": ("CONSULT", "third-party"),
    "counteroffensive": ("ASSAULT", None), "counter-offensive": ("ASSAULT", None),
    "execution": ("ASSAULT", None), "apology": ("SUPPORT", None), "loan": ("AID", None),
    "venture": ("", None), "fact-finding": ("ACCUSE", "investigate"),
    "mediator": ("CONSULT", "third-party"), "intermediary": ("CONSULT", "third-party"),
    "manoeuvre": ("MOBILIZE", "troops"), "maneuver": ("MOBILIZE", "troops"),
    "firefight": ("ASSAULT", "firearms"), "gunfight": ("ASSAULT", "firearms"),
    "shootout": ("ASSAULT", "firearms"), "skirmish": ("ASSAULT", None),
    "hearing": ("ACCUSE", "investigate"),
    "suspension": ("SANCTION", "discontinue"), "severance": ("SANCTION", "discontinue"),
    "torture": ("ASSAULT", "torture"), "warfare": ("ASSAULT", None),
    "cyberattack": ("COERCE", "cyber"), "cyber-attack": ("COERCE", "cyber"),
    "hack": ("COERCE", "cyber"), "lawsuit": ("ACCUSE", "allege"),
    "complaint": ("ACCUSE", "allege"), "quarantine": ("COERCE", "restrict"),
    "endorsement": ("SUPPORT", None),
}

# Event nouns that stand as events on their own (subject of "continued", "the April 3
# shelling", "after the attack"): only clearly eventive, mostly violent ones. Other
# nouns in :data:`NOUNS` only count as the object of a light verb.
STANDALONE_NOUNS: frozenset[str] = frozenset({
    "attack", "airstrike", "shelling", "bombing", "bombardment", "offensive", "assault",
    "clash", "fighting", "invasion", "raid", "siege", "ambush", "massacre", "incursion",
    "hostility", "intervention", "battle", "barrage", "killing", "strike", "violation",
    "talk", "meeting", "summit", "negotiation", "visit", "ceasefire", "truce", "agreement",
    "deal", "withdrawal", "convoy", "protest", "demonstration", "rally", "crackdown",
    "sanction", "embargo", "arrest", "deployment", "pullout", "curfew", "blockade",
    "aid", "release", "session", "conference", "exercise", "drill", "game", "extradition",
    "donor", "torture", "cyberattack", "cyber-attack", "riot", "firefight", "gunfight",
    "walkout", "stoppage", "counteroffensive", "counter-offensive", "execution",
    "shootout", "skirmish",
})

# Nouns that transfer something ("deliveries of the S-400 system", "provisions of military
# support"): AID or COOPERATE by what is transferred, like :data:`TRANSFER_VERBS`.
TRANSFER_NOUNS: frozenset[str] = frozenset({
    "delivery", "provision", "shipment", "transfer", "sale", "airlift", "airdrop",
})

# Verbs that transfer something: AID or COOPERATE by what is transferred.
TRANSFER_VERBS: frozenset[str] = frozenset({
    "give", "provide", "send", "deliver", "distribute", "contribute", "donate", "hand", "fly",
    "ship", "supply", "allocate", "airlift", "airdrop", "transfer", "disburse", "channel",
    "deposit", "lend", "earmark", "furnish", "arm", "pour", "pay", "ferry", "award", "pump",
    "rush", "export",
})
AID_OBJECTS: frozenset[str] = frozenset({
    "aid", "assistance", "food", "supply", "supplies", "medicine", "medical", "equipment",
    "tent", "blanket", "water", "fund", "funding", "money", "million", "billion", "grant",
    "loan", "relief", "shelter", "doctor", "team", "vaccine", "dose", "drug", "humanitarian",
    "wheat", "rice", "flour", "fuel", "ambulance", "kit", "donation", "$", "euro", "dollar",
    "package", "help", "convoy", "truck", "cash", "medic", "nurse", "expert", "adviser",
    "advisor", "instructor", "trainer", "meal", "hospital",
})
COOP_OBJECTS: frozenset[str] = frozenset({
    "weapon", "arm", "missile", "system", "intelligence", "training", "technology", "datum",
    "information", "jet", "aircraft", "tank", "ammunition", "helicopter", "drone", "rifle",
    "firearm", "warship", "submarine", "s-400", "evidence", "photograph", "expertise",
    "imagery", "electricity", "gas", "oil", "cargo", "lithium", "crude",
})
# Arms given are military aid (PLOVER AID: "military and police assistance including
# arms"); arms sold are an exchange (COOPERATE). Words that make a transfer a sale:
ARMS_OBJECTS: frozenset[str] = frozenset({
    "weapon", "arm", "missile", "jet", "aircraft", "tank", "ammunition", "helicopter",
    "drone", "rifle", "firearm", "warship", "submarine", "artillery", "munition",
})
SALE_WORDS: frozenset[str] = frozenset({
    "sell", "sale", "purchase", "buy", "deal", "contract", "order", "export", "import",
    "buyer", "seller", "price", "s-400",
})
DENIAL_OBJECTS: frozenset[str] = frozenset({
    "accusation", "charge", "allegation", "claim", "report", "responsibility", "involvement",
    "wrongdoing", "rumour", "rumor", "suggestion", "role", "link", "part", "hand",
    "complicity",
})

# Words that make a deployment peacekeeping, monitoring or rescue (CAMEO 074: AID).
# What troops are contributed to when they join a multinational mission ("contribute
# troops to the UN mission in Mali"; CAMEO 074, PLOVER AID).
TROOP_MISSIONS: frozenset[str] = frozenset({"mission", "operation", "contingent", "coalition"})

# Who one works with, as the object of "with" ("working with police", "partnered with
# aid agencies"): bodies and groups, not the people a job serves.
COOPERATION_PARTNERS: frozenset[str] = frozenset({
    "police", "government", "authority", "agency", "ministry", "army", "military", "force",
    "group", "organisation", "organization", "partner", "ally", "country", "state", "nation",
    "official", "administration", "council", "commission", "union", "bloc", "coalition",
    "opposition", "rebel", "side", "counterpart", "neighbour", "neighbor", "party", "charity",
    "school", "hospital",
})

# Quantities whose "in"/"of" phrase names the thing given ("$20 million in aid").
QUANTITY_HEADS: frozenset[str] = frozenset({"million", "billion", "thousand", "hundred",
                                            "tonne", "ton", "$", "euro", "dollar", "pound"})

PEACEKEEPING: frozenset[str] = frozenset({
    "peacekeeping", "peacekeeper", "peace-keeping", "observer", "monitor", "rescue",
    "humanitarian", "relief", "evacuation", "aid", "rescuer", "medic",
})

# Modifiers that turn a noun into a violent event ("air strike", "drone strike").
VIOLENT_COMPOUNDS: frozenset[str] = frozenset({
    "air", "drone", "missile", "rocket", "artillery", "mortar", "military", "suicide",
    "bomb", "car", "terror", "terrorist", "chemical", "ground", "naval", "cross-border",
})

# Words that are speech or reporting verbs: events under them carry an attribution.
SPEECH_VERBS: frozenset[str] = _SPEECH_VERBS  # the shared list (storyline.text.vocab)

# Verbs whose complement is a plan or expectation: the complement is future.
FUTURE_GOVERNORS: frozenset[str] = frozenset({
    "plan", "expect", "schedule", "intend", "aim", "prepare", "set", "due", "slate",
    "vow", "pledge", "promise", "decide", "resolve", "agree", "offer", "arrange",
    "announce", "propose_", "mean", "determine", "poise", "commit", "expected", "scheduled",
})

# Verbs/adjectives whose complement is only possible: the complement is hypothetical.
HYPO_GOVERNORS: frozenset[str] = frozenset({
    "propose", "consider", "seek", "want", "hope", "threaten", "fear", "warn", "suggest",
    "mull", "weigh", "contemplate", "try", "attempt", "push", "urge", "ask", "demand",
    "call", "request", "appeal", "possible", "likely", "unlikely", "potential", "ready",
    "willing", "able", "prepared", "discuss", "debate", "speculate", "predict", "risk",
    "prevent", "avoid", "postpone", "delay", "defer", "deter", "stop", "oppose", "reject",
    "refuse", "deny", "rule", "could", "might", "may", "aimed", "see", "envisage",
    "imagine", "suppose", "insist", "recommend", "advocate", "favour", "favor",
    "determined", "anxious", "eager", "keen", "intent", "resolved", "desire",
})

# Nouns that make a dependent event noun hypothetical ("threat of an offensive").
HYPO_NOUNS: frozenset[str] = frozenset({
    "threat", "possibility", "prospect", "risk", "fear", "danger", "plan", "proposal",
    "idea", "option", "chance", "likelihood", "scenario", "call", "demand", "request",
    "bid", "attempt", "effort", "push", "warning", "rumour", "rumor",
    "speculation", "hope", "offer", "suggestion", "question", "incentive", "reason",
    "need", "desire", "willingness", "readiness", "intention", "ambition", "aim", "goal",
    "objective", "motive", "pressure", "plea", "concern",
})

# Words whose "on/about/over" complement is a topic under discussion, not a fact.
TOPIC_HOLDERS: frozenset[str] = frozenset({
    "talk", "meeting", "discussion", "negotiation", "session", "conference", "summit",
    "debate", "consultation", "discuss", "negotiate", "confer", "focus", "vote",
    "resolution", "proposal", "plan", "draft", "briefing",
})

HYPO_ADJ: frozenset[str] = frozenset({
    "possible", "potential", "likely", "unlikely", "proposed", "planned", "looming",
    "imminent", "expected", "future", "prospective", "feared", "alleged", "rumoured",
    "rumored", "hypothetical", "eventual", "anticipated", "threatened", "mooted",
    "new", "further", "upcoming", "next", "forthcoming", "impending",
})
FUTURE_ADJ: frozenset[str] = frozenset({
    "planned", "expected", "upcoming", "next", "forthcoming", "scheduled", "impending",
    "anticipated", "future",
})

HYPO_MODALS: frozenset[str] = frozenset({"could", "may", "might", "should", "can", "ca"})
FUTURE_MODALS: frozenset[str] = frozenset({"will", "shall", "'ll", "wo", "must"})

NEGATIONS: frozenset[str] = frozenset({"not", "n't", "never", "no"})
NEGATING_GOVERNORS: frozenset[str] = frozenset({"fail", "refrain", "stop", "cease", "halt"})

# What a call for punishment asks for: a demand (CAMEO 10), not an appeal (CAMEO 02).
PUNITIVE_OBJECTS: frozenset[str] = frozenset({
    "sanction", "punishment", "prosecution", "arrest", "resignation", "boycott", "ban",
    "expulsion", "embargo", "trial", "execution", "dismissal", "impeachment", "penalty",
})

CONDITION_MARKS: frozenset[str] = frozenset({"if", "unless", "whether", "once", "lest"})

# Terminating verbs: ending talks, cooperation or aid reduces relations (SANCTION),
# ending an offensive is a ceasefire (RETREAT), calling off a strike yields (CONCEDE).
TERMINATIVE_VERBS: frozenset[str] = frozenset({
    "end", "halt", "suspend", "stop", "terminate", "cease", "discontinue", "break",
})
TERMINATED: dict[str, Trigger] = {
    "CONSULT": ("SANCTION", "discontinue"), "COOPERATE": ("SANCTION", "discontinue"),
    "AID": ("SANCTION", "discontinue"), "AGREE": ("SANCTION", "discontinue"),
    "ASSAULT": ("RETREAT", "ceasefire"), "PROTEST": ("CONCEDE", None),
    "MOBILIZE": ("RETREAT", "withdraw"), "COERCE": ("RETREAT", None),
    "SANCTION": ("RETREAT", None),
}
# Nouns that take the event of their compound ("a mediation effort", "the peace process").
EFFORT_NOUNS: frozenset[str] = frozenset({
    "effort", "initiative", "bid", "mission", "process", "round", "drive", "push",
})

# CAMEO 01 statements (comment, condolence, claim of responsibility, considered
# option): a clause headed by one is a plain statement, whatever event it mentions.
# verb lemma -> object lemmas that make it a statement (empty: any complement does).
STATEMENT_VERBS: dict[str, frozenset[str]] = {
    **{v: frozenset({
        "condolence", "sympathy", "concern", "hope", "pessimism", "optimism", "wish",
        "confidence", "satisfaction", "doubt", "skepticism", "scepticism", "worry", "sorrow",
        "grief", "shock", "sadness", "alarm", "disappointment", "frustration", "belief",
        "view", "opinion", "thought", "respect", "prayer", "solace", "unease", "fear",
        "caution", "reservation", "gratitude", "thank", "appreciation", "optimistic",
        "pessimistic"})
       for v in ("express", "voice", "convey", "extend", "offer", "send", "pay", "share",
                 "reiterate", "register", "issue", "release")},
    "claim": frozenset({"responsibility", "credit"}),
    "take": frozenset({"responsibility", "credit"}),
    "accept": frozenset({"responsibility"}),
    "admit": frozenset({"responsibility"}),
    "acknowledge": frozenset({"responsibility"}),
    "consider": frozenset(), "explore": frozenset(), "mull": frozenset(),
    "contemplate": frozenset(), "weigh": frozenset(), "ponder": frozenset(),
    "hope": frozenset(), "wish": frozenset(), "mourn": frozenset(),
}

# Heads of water bodies: a sea is never whom an act is aimed at ("fined the shipper for
# the leak off the Black Sea coast" has no target in the sea).
WATER_BODIES = frozenset({"gulf", "sea", "ocean", "bay", "strait", "straits", "channel",
                          "river", "lake", "lagoon", "estuary", "sound", "waters"})

# A request verb with no one asked and a clause opened by one of these marks is a question
# ("reporters asked whether the minister would resign"), not a request.
QUESTION_VERBS = frozenset({"ask", "inquire", "enquire"})
QUESTION_MARKS = frozenset({"if", "whether"})

# Where a statement's target stands (:mod:`storyline.events.statements`): its recipient
# ("expressed condolences to the families"), its topic ("concern about the talks",
# "responsibility for the bombing") and, inside a topic that is an act, the act's object
# ("responsibility for the attack on the base").
STATEMENT_RECIPIENT_PREPS: tuple[str, ...] = ("to",)
STATEMENT_TOPIC_PREPS: tuple[str, ...] = (
    "about", "over", "for", "on", "at", "with", "of", "regarding", "toward", "towards")
STATEMENT_ACT_PREPS: tuple[str, ...] = ("on", "against", "at")

# PLOVER conflict–cooperation scores (manual table). ACCUSE's base score prints as
# "3" in the table; it is a conflict type scored between -2 and -3.5 in every mode, so
# -3 is used.
SCORES: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "CONSULT: visit": 4, "CONSULT: third-party": 1,
    "CONSULT: multilateral": 4, "CONSULT: phone": 1.5,
    "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10,
    "RETREAT": 6.5, "RETREAT: withdraw": 8, "RETREAT: release": 6.5, "RETREAT: disarm": 10,
    "RETREAT: ceasefire": 7.5, "RETREAT: access": 6.5, "RETREAT: resign": 4.5,
    "REQUEST": 0, "REQUEST: assist": 0.5, "REQUEST: change": -1, "REQUEST: yield": -1,
    "REQUEST: meet": 0,
    "ACCUSE": -3, "ACCUSE: disapprove": -2, "ACCUSE: investigate": -3.5, "ACCUSE: allege": -3.5,
    "REJECT": -2, "REJECT: assist": -1.5, "REJECT: change": -2, "REJECT: yield": -2,
    "REJECT: meet": -2,
    "THREATEN": -3.5, "THREATEN: restrict": -3, "THREATEN: arrest": -3.5,
    "THREATEN: relations": -3.5, "THREATEN: expel": -3.5, "THREATEN: territory": -4,
    "THREATEN: violence": -3.5,
    "PROTEST": -5, "PROTEST: demo": -5, "PROTEST: riot": -7, "PROTEST: strike": -5,
    "PROTEST: hunger": -4.5, "PROTEST: boycott": -4.5, "PROTEST: obstruct": -4.5,
    "SANCTION": -6, "SANCTION: convict": -6, "SANCTION: expel": -5.5, "SANCTION: withdraw": -6,
    "SANCTION: discontinue": -6,
    "MOBILIZE": -5.5, "MOBILIZE: troops": -6.5, "MOBILIZE: weapons": -6.5,
    "MOBILIZE: police": -5.5, "MOBILIZE: militia": -6,
    "COERCE": -7, "COERCE: seize": -7, "COERCE: restrict": -7, "COERCE: censor": -6.5,
    "COERCE: curfew": -6.5, "COERCE: martial-law": -7.5, "COERCE: arrest": -7,
    "COERCE: deport": -7, "COERCE: withhold": -7, "COERCE: misinformation": -6.5,
    "COERCE: cyber": -7,
    "ASSAULT": -9, "ASSAULT: abduct": -8.5, "ASSAULT: beat": -7.5, "ASSAULT: torture": -8.5,
    "ASSAULT: sexual": -8.5, "ASSAULT: targeted": -9.5, "ASSAULT: destroy": -8.5,
    "ASSAULT: primitive": -8, "ASSAULT: firearms": -9, "ASSAULT: explosives": -9,
    "ASSAULT: suicide-attack": -9.5, "ASSAULT: aerial": -9.5, "ASSAULT: drone": -9.5,
    "ASSAULT: heavy-weapons": -9.5, "ASSAULT: crowd-control": -7.5,
    "ASSAULT: unconventional": -10,
}


# The modes the PLOVER manual defines per type (its mode tables). CAMEO statement classes
# the lexicon also tags ("appeal", "deny") are not PLOVER modes and are not output.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory",
                           "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct",
                          "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest",
                         "deport", "withhold", "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy",
                          "primitive", "firearms", "explosives", "suicide-attack", "aerial",
                          "drone", "heavy-weapons", "crowd-control", "unconventional"}),
}


def score(event_type: str, mode: str | None) -> float:
    """The PLOVER score of a type in a mode (the type's score when the mode has none)."""
    if mode and f"{event_type}: {mode}" in SCORES:
        return SCORES[f"{event_type}: {mode}"]
    return SCORES[event_type]


# ---------------------------------------------------------------------------
# Word lists the parse-reading coder consults (moved out of its modules)
# ---------------------------------------------------------------------------

PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "which", "who", "that", "this",
             "them", "him", "her", "itself", "themselves", "its", "their"}

# Forms the small English model lemmatises wrongly ("hoped" -> "hop").
# (found by lemmatising every lexicon verb's inflections: benchmarks keep no list of it)
LEMMA_FIX = {f: base for base, fs in {
    "hope": ("hoped", "hoping", "hopes"), "stage": ("staged", "staging", "stages"),
    "slate": ("slated", "slating", "slates"), "rape": ("raped", "raping", "rapes"),
    "lambaste": ("lambasted", "lambasting", "lambastes"),
    "fine": ("fined", "fining", "fines"),
}.items() for f in fs}

MEDIA_WORDS = {"reporter", "journalist", "press", "medium", "newspaper", "agency",
                "television", "tv", "radio", "channel", "audience", "crowd", "supporter",
                "lawmaker", "parliament", "briefing", "conference", "interviewer"}

# People whose job is to ask: a name given with one of these is the media ("told BBC
# presenter Ann Lee", "told the talk show host").
PRESS_PEOPLE = frozenset({"presenter", "host", "anchor", "anchorman", "anchorwoman",
                          "columnist", "correspondent", "editor", "broadcaster"})

# An audience a company or an official addresses, not a party met: speaking to them is
# no consultation ("will speak to investors", "spoke to reporters in Paris").
AUDIENCES = frozenset({"investor", "shareholder", "analyst", "stockholder", "customer",
                       "client", "subscriber", "viewer", "listener", "reader", "reporter",
                       "journalist"})
# ... when these verbs address them (meeting investors may still be diplomacy: "the
# president met Chinese investors in Beijing")
AUDIENCE_VERBS = frozenset({"speak", "talk", "tell", "address", "brief", "update", "write"})

MUST = {"must", "should", "ought", "need"}
# Verbs of wanting that, with another's infinitive clause, demand ("wants the company to
# raise wages", "needs the federal government to send boats").
WANT_VERBS = frozenset({"want", "need"})

SELF = {"we", "i", "us", "our"}

# Papers an actor issues that speak for it ("issued a statement condemning ...").
# Nouns of goods handed over whose national word names the supplier ("deliveries of the
# Russian S-400 system to Turkey": Russia supplies).
SUPPLY_NOUNS = frozenset({"delivery", "deliveries", "shipment", "shipments", "supply",
                          "supplies", "sale", "sales", "transfer", "transfers", "export",
                          "exports", "consignment"})

# Verbs of calling someone in; with a meeting as purpose they ask for it ("was called
# to the Elysee for talks with the president": a request to meet, not a rebuke).
SUMMON_VERBS = frozenset({"summon", "call", "invite"})
MEETING_NOUNS = frozenset({"talk", "talks", "meeting", "consultation", "consultations",
                           "discussion", "discussions", "negotiation", "negotiations"})

PAPERS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution",
           "report", "note", "message", "appeal", "petition", "manifesto", "decree",
           "ad", "advert", "advertisement", "commercial"}

# Verbs whose subject carries on, speeds or completes its own act ("speeded up the
# withdrawal", "completed their pullout"), unlike "survived the attack".
CARRY_ON = {"speed", "complete", "accelerate", "finish", "expand", "widen", "extend",
             "press", "push", "pursue", "step", "ramp", "scale", "wage", "keep", "maintain",
             "sustain", "finalise", "finalize", "hasten", "carry", "coordinate", "lead",
             "spearhead", "head", "direct", "oversee", "orchestrate", "tighten", "stage"}

WARSHIPS = {"warship", "carrier", "frigate", "destroyer", "submarine", "cruiser", "fleet",
             "corvette", "gunboat"}

# Bodies and pacts one leaves to reduce relations ("pulled out of the bloc").
BODIES = {"bloc", "alliance", "treaty", "pact", "accord", "agreement", "deal", "union",
           "organisation", "organization", "coalition", "convention", "council", "court",
           "federation", "community", "commission", "league", "forum", "grouping", "body"}

# (a report, a statement or a resolution "accusing" or "urging" speaks for its authors)
DOCUMENTS = {"constitution", "clause", "provision", "text"}

ABSTRACT_OBJ = {"role", "importance", "need", "fact", "right", "reality", "truth",
                 "possibility", "opportunity", "election", "vote", "result", "law", "bill",
                 "budget", "report", "statement", "record", "figure", "data", "price",
                 "rate", "goal", "target", "market", "attention", "question", "point"}

FORCES = {"police", "army", "military", "force", "troop", "government", "authority",
           "security", "soldier", "navy", "regime", "administration", "country"}

# What a "warning of" something threatens when it is the speaker's own act ("warned of
# dire consequences", "warned of reprisals"); besides these, only the event nouns of
# NOUNS that code an act ("warned of sanctions"). "warned of a looming famine" predicts.
WARNED_OF_ACTS: frozenset[str] = frozenset({
    "consequence", "retaliation", "reprisal", "action", "measure", "response", "force",
    "punishment", "countermeasure", "repercussion",
})

# What an impersonal "it" says when a warning predicts rather than threatens ("warned
# that it may be too late", "warned it could take years"): modal verbs of possibility.
PREDICTIVE_MODALS: frozenset[str] = frozenset({"may", "might", "could", "can"})

NOT_EVENT_HOLDERS = {"responsibility", "condolence", "sympathy", "statement", "victim",
                      "anniversary", "memory", "report", "video", "footage", "survivor"}

SPANS = {"day", "week", "month", "year", "hour"}

NOT_PLACES = {"spite", "support", "addition", "order", "response", "favour", "favor",
               "light", "view", "line", "return", "exchange", "defiance", "violation",
               "breach", "charge", "talk", "meeting", "interview", "statement", "letter",
               "call", "speech", "briefing", "conference", "message", "way", "case"}

ANAPHORS = {"it", "they", "he", "she"}
# Pronouns that stand for the speaker of a direct quote: '"We have agreed," Svanberg said'.
FIRST_PERSON = frozenset({"we", "i"})


# Who may be the unnamed agent of a passive act that they report ("police said three men
# were arrested": police arrested them; "the ministry said aid had been delivered"): the
# speaker's roles, by event type (default: the "*" row). A body reporting a killing or an
# attack is rarely its author.
SPEAKER_AGENTS: dict[str, frozenset[str]] = {
    "*": frozenset({"GOV", "MIL", "JUD", "IGO", "NGO", "BUS", "PTY"}),
    "COERCE": frozenset({"GOV", "MIL", "JUD"}),
    "ASSAULT": frozenset(),
}

# People who act for a body named after them ("a spokesman for the ministry", "officials
# at the Interior Ministry", "representatives from the rebels", "the agency's director"):
# the body is the actor.
GROUP_HEADS = {"representative", "official", "delegation", "delegate", "envoy", "diplomat",
                "negotiator", "minister", "member", "spokesman", "spokeswoman", "spokesperson",
                "lawyer", "attorney", "director", "chief", "head", "officer", "adviser",
                "advisor", "aide", "executive", "someone", "somebody",
                # a team sent by a body: "a three-strong team from the French government"
                "team", "expert", "specialist", "doctor", "medic", "engineer", "crew",
                "staff", "squad"}
# The prepositions that name the body such a person acts for ("a lawyer for the family").
AFFILIATION_PREPS = {"from", "for", "of", "at"}
# The seat of a body, standing for it after those prepositions: "a spokesman at BP
# headquarters in London said" (BP).
SEAT_NOUNS = frozenset({"headquarters", "hq", "office", "offices", "head office",
                        "secretariat", "bureau"})
# Heads that name a body's voice before a person's name ("Shell spokesman John Baker"):
# the event is the body's as well as the person's.
VOICE_HEADS = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney"}

# How many sentences back "the two leaders" may find the two states named together.
PAIR_LOOKBACK = 4

PAIR_NOUNS = {"country", "leader", "side", "nation", "president", "government", "capital",
               "state", "neighbour", "neighbor", "party"}

# Heads that count or group the actors named after "of" ("thousands of students",
# "members of the party").
GROUPING = {"thousand", "hundred", "dozen", "million", "ten", "group", "number", "crowd",
             "some", "many", "member", "dozens", "hundreds", "thousands", "tens", "millions",
             "all", "most", "one", "two", "several", "scores", "score", "busload", "band"}

# Participles that modify a name like adjectives ("against visiting Crown Prince X", "with
# outgoing President Y"), which the parser may read as a verb taking the name as object.
PARTICIPLE_MODIFIERS: frozenset[str] = frozenset({
    "visiting", "outgoing", "incoming", "ruling", "governing", "reigning", "sitting",
    "serving", "leading", "opposing", "fighting", "warring", "striking", "protesting",
})

# Verbs of calling someone up: "called Lavrov to discuss the war" is a talk between the
# caller and the one called (the talk's own subject is the caller).
PHONE_VERBS = frozenset({"call", "phone", "telephone", "ring"})

# Adjectives that count or renew a group without saying whose it is: "more troops",
# "additional officials" are as bare as "troops" and "officials".
AMOUNT_ADJECTIVES = frozenset({"more", "additional", "extra", "further", "fresh", "new",
                               "other", "several", "many", "few", "some"})

# Role nouns that name an act or a weapon of the military, not who acts ("Turkish fire",
# "Russian jets" resolve through the actor stage; alone they are no actor).
THINGS = {"fire", "artillery", "shelling", "bombardment", "missile", "rocket", "drone",
           "jet", "aircraft", "warplane", "tank", "helicopter", "bomber", "gunship",
           "convoy", "advance", "operation", "offensive", "raid", "patrol", "power", "cover",
           "attack", "assault", "strike", "unit", "diplomacy", "intelligence", "state",
           "side", "mission", "embassy", "consulate", "press", "industry", "public",
           "population", "community", "media", "television", "tv"}

# Nouns of a stretch of land, sea or sky: with a national adjective a place, never an
# actor ("in Brazilian waters", "violated Turkish airspace", "on Syrian soil").
PLACE_NOUNS = frozenset({"water", "waters", "airspace", "territory", "soil", "coast",
                         "coastline", "shore", "shoreline", "border", "frontier", "sea",
                         "seabed", "mainland", "countryside", "hinterland"})

# Heads of a named body ("the APEC forum", "the Hutu rebel group").
# Office holders who are an actor as a group without saying whose ("the mayors endorsed
# Bloomberg", "senators rejected the bill"), unlike bare "officials" or "troops".
OFFICE_GROUPS = frozenset({"mayor", "governor", "councillor", "councilor", "councilman",
                           "regulator", "inspector", "senator", "legislator", "congressman",
                           "lawmaker", "sheriff", "prosecutor", "judge", "marine",
                           # "many countries banned imports of pork": states, unnamed
                           "country", "nation"})
# ... but only as a plural: "a Buddhist nation" describes a state named beside it
STATE_NOUNS = frozenset({"country", "nation"})

BODY_HEADS = {"forum", "group", "party", "union", "movement", "front", "council",
               "committee", "association", "coalition", "alliance", "organisation",
               "organization", "agency", "authority", "commission", "court", "army", "militia",
               "brigade", "government", "ministry", "administration", "company", "firm",
               "bank", "network", "federation", "league", "wing", "faction", "bloc", "body",
               "institute", "foundation", "church", "assembly", "parliament", "senate",
               "congress", "regime", "board", "office", "team", "delegation", "mission",
               "force", "forces", "fund", "watchdog", "tribunal", "cartel", "gang", "clan",
               "tribe", "consortium", "corporation"}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Country adjectives and demonyms, lower case -> ISO3 ("french" -> FRA)."""
    from storyline.knowledge import load_knowledge

    out: dict[str, str] = {}
    for iso3, c in load_knowledge().countries.items():
        for w in (c.adjective, *c.demonyms):
            if w:
                out.setdefault(w.lower(), iso3)
    return out



@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country names and aliases, lower case -> ISO3 ("pakistan" -> PAK, "south korea" -> KOR)."""
    from storyline.knowledge import load_knowledge

    out: dict[str, str] = {}
    for iso3, c in load_knowledge().countries.items():
        for w in (c.name, *c.aliases):
            if w:
                out.setdefault(w.lower(), iso3)
    return out


@lru_cache(maxsize=1)
def role_nouns() -> dict[str, str]:
    from storyline.knowledge import load_knowledge

    return dict(load_knowledge().role_nouns)


# Verbs whose agent carries out the event noun they govern ("sanctions were tightened by
# the EU"), unlike verbs of reporting or judging ("attacks cited by the agency").
CARRY_OUT = frozenset({"impose", "tighten", "extend", "lift", "ease", "launch", "carry",
                        "conduct", "stage", "mount", "order", "sign", "approve", "adopt",
                        "deliver", "provide", "send", "declare", "announce", "hold",
                        "organise", "organize", "broker", "negotiate", "reach", "renew"})

# Nouns of a time that a relative clause can describe: "by July 20, the day the prime
# minister is scheduled to visit" (the visit is on July 20).
# One's own work, suspended or halted (for bad weather, for safety): no one is sanctioned
# ("crews suspended the search", "cleanup efforts were suspended over the weekend").
OWN_WORK = frozenset({"search", "cleanup", "clean-up", "effort", "rescue", "recovery",
                      "hunt", "salvage", "dredging", "skimming"})

# Words that put another happening after the act: a time inside their clause or phrase
# is that later happening's, never the act's ("committed to it before the rig exploded on
# 20 April", "ahead of the summit on Friday"). Not "after" (news dates an act by what it
# followed: "banned imports after the outbreak was found in April" is an April ban), nor
# "since" (the act runs from that day on), nor "when"/"as" (the two happen together).
SEQUENCE_WORDS = frozenset({"before", "until", "till", "ahead", "prior"})

TIME_NOUNS = frozenset({"day", "date", "night", "morning", "afternoon", "evening", "week",
                        "weekend", "month", "year"})

# Verbs of arriving whose subject brings the event noun of their "with" phrase: "the
# president arrived in the capital with a shipment of medical aid" (the president's aid).
ARRIVING_WITH = frozenset({"arrive", "come", "land", "fly", "travel", "return", "sail",
                           "reach", "drive", "head"})

CALL_WORDS = frozenset({"call", "demand", "appeal", "plea", "push", "press", "ask", "urge",
                         "campaign", "pressure", "lobby", "clamour", "clamor", "petition"})

PAIR_PEOPLE = frozenset({"leader", "president", "minister", "head", "premier"})

PAIR_STATES = frozenset({"country", "nation", "government", "side", "state", "neighbour",
                          "neighbor", "capital"})


# --- words of the verb patterns (:mod:`.patterns`) ---------------------------------
# Investigators one sends ("dispatched inspectors to the plant": ACCUSE investigate).
INSPECTORS = frozenset({"inspector", "investigator", "prosecutor", "auditor"})
# Missions and envoys ordered out ("ordered the mission to leave": SANCTION expel).
ENVOYS_AND_MISSIONS = frozenset({"mission", "peacekeeper", "diplomat", "ambassador", "envoy",
                                 "staff", "monitor", "observer"})
# Posts one quits ("quit his post": RETREAT resign).
POSTS = frozenset({"post", "job", "office", "position", "role", "cabinet", "government"})
# What is let go ("let the seized tanker sail": RETREAT release).
FREED = frozenset({"tanker", "ship", "vessel", "crew", "hostage", "prisoner", "detainee",
                   "captive", "sailor", "plane"})
# People a protest is ("dispersed the protesters": COERCE restrict).
PROTESTERS = frozenset({"protester", "demonstrator", "crowd", "marcher", "rioter"})
# What a court or a government orders someone to do ("ordered X to appear": REQUEST).
# Verbs by which an actor has its own people act, and those people: "Putin ordered troops
# to withdraw" is a withdrawal by Putin's side.
ORDER_VERBS = frozenset({"order", "instruct", "direct", "command", "tell"})
OWN_PEOPLE = frozenset({"troop", "force", "soldier", "police", "army", "military", "unit",
                        "navy", "warship", "jet", "officer", "staff", "diplomat", "envoy",
                        "ambassador", "delegation", "commander", "guard", "ship"})
ORDERED_ACTS = frozenset({"appear", "testify", "pay", "compensate", "apologise", "apologize",
                          "stop", "cease", "halt", "comply", "explain", "disclose", "reveal",
                          "submit", "report"})
# Populations expelled ("expelled Afghan refugees": COERCE deport) ...
POPULATIONS = frozenset({"migrant", "refugee", "people", "family", "civilian", "resident",
                         "national", "immigrant", "minority", "villager", "afghan",
                         "foreigner"})
# ... unlike envoys, inspectors and aid workers (SANCTION expel, the bare verb).
EXPELLED_ENVOYS = frozenset({"diplomat", "ambassador", "envoy", "inspector", "peacekeeper",
                             "monitor", "observer", "aid", "humanitarian", "mission", "agency",
                             "staff"})
# Officials removed from office ("removed the mayor": COERCE restrict).
OFFICIALS = frozenset({"mayor", "governor", "judge", "official", "minister", "president",
                       "lawmaker", "editor", "chief", "head"})
# Outlets shut down ("shut down the newspaper": COERCE censor).
OUTLETS = frozenset({"newspaper", "site", "website", "station", "channel", "broadcaster",
                     "outlet", "paper", "radio", "television", "agency", "magazine", "network"})
# War machines besides warships whose moves are a show of force ("bombers flew over").
WAR_MACHINES = frozenset({"jet", "warplane", "bomber", "fighter", "tank", "group"})
# Go-betweens ("acted as mediator": CONSULT third-party).
GO_BETWEENS = frozenset({"mediator", "go-between", "between", "intermediary", "broker",
                         "facilitator"})
# Who or what is let in ("allowed inspectors to visit": RETREAT access).
ADMITTED = frozenset({"truck", "inspector", "observer", "monitor", "journalist", "worker",
                      "peacekeeper", "convoy", "investigator", "delegation", "agency", "aid"})
# What one travels for ("arrived on a two-day visit": CONSULT visit).
VISITS = frozenset({"visit", "trip", "tour", "talk", "mission", "consultation", "discussion",
                    "negotiation", "meeting", "summit"})
# Where peacekeepers or aid workers arrive to help, besides a named place ("arrived at the
# Goma airport", the parser taking "Goma" for a person); not "returned to their base".
ARRIVAL_PLACES = frozenset({"airport", "port", "capital", "city", "island", "country",
                            "region", "province", "camp", "hospital", "town", "village"})
# Adverbs that date an act up to the day of publication, not to the lead's news day ("has
# recently reinforced its observation posts").
UP_TO_NOW = frozenset({"recently", "lately", "newly", "currently", "now"})
# Nouns that name a place's polity by its "of" phrase ("the state of Louisiana", "the
# city of Houston"): as the one who acts, that place's government.
PLACE_BODIES = frozenset({"state", "city", "province", "county", "region", "town",
                          "municipality", "territory", "commonwealth"})
# Whom one tells something to that makes "told" an exchange (not the media).
ADDRESSEES = frozenset({"president", "minister", "counterpart", "leader", "premier", "king",
                        "chancellor", "ambassador", "envoy", "official", "government",
                        # "told the BP chairman that ...", "told members of the committee"
                        "chairman", "chairwoman", "chief", "executive", "member", "lawmaker",
                        "senator", "governor", "mayor", "secretary", "director", "commander",
                        "delegate", "negotiator", "regulator"})

# --- words of the verb lookups (:mod:`.triggers`) ------------------------------------
# Objects that hand their role to what they are "of" ("declared a state of siege").
OF_HOLDERS = frozenset({"state", "mission", "team", "group", "delegation", "contingent",
                        "batch", "number"})
# Light verbs whose transfer-noun object is their event ("began aid deliveries"), unlike
# "suspended aid deliveries" (the suspension).
TRANSFER_CARRIERS = frozenset({"begin", "start", "resume", "continue", "complete", "make",
                               "carry", "approve", "authorize", "authorise", "allow", "send"})
# What one "releases" that is no release of people ("released a statement").
RELEASED_RECORDS = frozenset({"statement", "report", "video", "footage", "figure", "datum",
                              "detail", "image", "photo", "list", "album"})
# What one "strikes" that is no attack ("struck a deal", "hit the right note").
STRUCK_BARGAINS = frozenset({"deal", "agreement", "balance", "note", "tone", "chord", "record",
                             "market", "bargain"})
# What one "funds" that is no aid to anyone ("funded a TV advertising campaign").
FUNDED_PROMOTIONS = frozenset({"advertising", "advertisement", "advert", "ad", "commercial",
                               "marketing", "publicity", "billboard", "sponsorship"})
# What one "captures" that is no capture ("captured the mood").
CAPTURED_SCENES = frozenset({"scene", "moment", "image", "attention", "imagination", "mood",
                             "essence", "heart", "footage", "camera"})
# What is "shared" when sharing is cooperation ("shared intelligence").
SHARED_KNOWLEDGE = frozenset({"datum", "information", "intelligence", "data", "technology",
                              "expertise", "border", "evidence", "finding", "detail", "document",
                              "record", "photograph", "image", "assessment", "knowledge",
                              "know-how", "experience", "file", "footage"})
# Figures that "decline", "drop" or "ease" (markets, not events).
MOVING_FIGURES = frozenset({"percent", "%", "price", "rate", "share", "level"})
# What one "meets" that is no meeting ("met the demands").
MET_REQUIREMENTS = frozenset({"demand", "need", "target", "requirement", "criterion", "standard",
                              "deadline", "goal", "expectation"})
# What one "offers" that is a statement ("offered condolences").
OFFERED_WORDS = frozenset({"condolence", "view", "opinion", "comment", "insight"})
# What one "fights" that is no fighting ("fight corruption").
FOUGHT_ILLS = frozenset({"corruption", "poverty", "disease", "fire", "virus", "pandemic", "crime",
                         "terrorism"})
# Verbs that are events only with an object or a complement ("hosted talks", not "hosted").
OBJECT_VERBS = frozenset({"recognise", "recognize", "appreciate", "host", "receive", "train",
                          "sell", "supply", "share", "hit", "target", "destroy", "drop", "back",
                          "free", "relax", "ease", "lift", "grant", "fund", "finance", "seek",
                          "press", "charge", "sentence", "capture", "dismiss", "decline", "commit",
                          "mass", "station", "defend", "deny", "oppose", "resist", "escort"})
# Activities that are cooperation when joint ("joint drills", "a bilateral probe").
JOINT_ACTIVITIES = frozenset({"exercise", "drill", "game", "patrol", "operation", "manoeuvre",
                              "maneuver", "venture", "sortie", "programme", "program", "project",
                              "production", "investigation", "inquiry", "probe"})
# Modifiers that make an activity joint.
JOINT_MODIFIERS = frozenset({"joint", "combined", "bilateral", "multinational", "coordinated",
                             "trilateral"})
# Matters whose review is an investigation ("ordered a review of the allegations").
REVIEWED_MATTERS = frozenset({"allegation", "claim", "death", "killing", "strike", "attack",
                              "incident", "abuse", "handling", "conduct", "shooting"})
# Verbs whose participle makes an agreement noun an act ("the ceasefire agreed in Nairobi").
AGREEING_VERBS = frozenset({"agree", "sign", "broker", "reach", "conclude", "strike", "seal",
                            "announce", "declare"})
# Manoeuvres that are cooperation when held by several countries ("French and Egyptian
# warships launched war games").
JOINT_MANOEUVRES = frozenset({"exercise", "drill", "game", "manoeuvre", "maneuver", "patrol",
                              "hold", "stage", "conduct", "launch", "begin", "start"})
# Verbs of harm: who is harmed in an attack noun is its target ("killed in an air raid").
HARM_VERBS = frozenset({"wound", "kill", "injure", "hurt", "hit", "target", "capture", "abduct",
                        "kidnap"})
# Verbs of receiving a noun event: its source is who it came from ("gained support from X").
RECEIVE_HOLDERS = frozenset({"gain", "receive", "win", "get", "draw", "enjoy", "secure", "garner"})
# Passives with no agent whose subject holds the stance ("Israel is opposed to X").
RESOLVE_PASSIVES = frozenset({"oppose", "commit", "determine", "prepare", "resolve", "dedicate",
                              "engage", "involve"})
# Verbs that lift a punishment ("urged X to lift sanctions": no punitive call).
LIFTING_VERBS = frozenset({"lift", "ease", "remove", "end", "drop", "scrap", "relax"})
# Objects that make a pledge a threat ("promised an overwhelming response").
RETALIATIONS = frozenset({"response", "retaliation", "revenge", "vengeance", "reprisal",
                          "consequence"})
# Complements that make a pledge a threat ("vowed to continue the fight").
FIGHTING_WORDS = frozenset({"fight", "war", "battle", "struggle", "jihad", "resistance"})
# what a court's sentence is when it jails ("sentenced to three years in prison"): PLOVER
# codes convictions that imprison as COERCE arrest
PRISON_TERMS = frozenset({"year", "month", "week", "prison", "jail", "life", "imprisonment",
                          "detention", "custody"})
# what a pledge of harm promises besides a coded attack ("vowed to punish those
# responsible", "swore to avenge the dead"): a threat (PLOVER THREATEN)
HARM_WORDS = frozenset({"punish", "retaliate", "avenge", "prosecute", "crush", "eradicate",
                        "annihilate", "retribution", "revenge", "vengeance"})
# What one is invited to that is a visit, not a request ("invited X to attend").
INVITED_VISITS = frozenset({"attend", "visit", "join", "meet", "come", "take", "participate",
                            "talk"})
