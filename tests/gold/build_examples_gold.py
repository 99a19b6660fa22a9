"""Build tests/gold/examples_articles.json and examples_events.json, checking them first.

The gold for the bundled corpus is written here as data, then checked against the
corpus files themselves: every body phrase, event anchor and figure anchor must be
found in the article body, every boilerplate phrase must be in the raw document
but outside the body, anchors are 3-8 words, bodies are 150-450 words. After
editing an example article or this file, run

    .venv/bin/python tests/gold/build_examples_gold.py

It exits non-zero (and writes nothing) when a check fails. Not a pytest module.
"""
import json
import re
import sys
from pathlib import Path

import feedparser
import lxml.html
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- raw texts
def html_body(html: str) -> str:
    doc = lxml.html.fromstring(html)
    return "\n\n".join(p.text_content().strip() for p in doc.xpath("//p"))


def load(path: str, position: str | None) -> tuple[str, str]:
    """(whole document as text, body-only approximation)."""
    p = ROOT / path
    if path.endswith(".txt"):
        t = p.read_text()
        return t, t
    if path.endswith(".html"):
        t = p.read_text()
        return t, html_body(t)
    if path.endswith(".jsonl"):
        n = int(position.split()[1])
        rec = json.loads(p.read_text().splitlines()[n - 1])
        return rec["text"], rec["text"]
    if path.endswith(".rss"):
        n = int(position.split()[1])
        e = feedparser.parse(p.read_bytes()).entries[n - 1]
        c = e.content[0].value
        return c, html_body(c)
    if path.endswith(".warc.gz"):
        n = int(position.split()[1])
        k = 0
        with open(p, "rb") as fh:
            for r in ArchiveIterator(fh):
                if r.rec_type != "response":
                    continue
                if "html" not in (r.http_headers.get_header("Content-Type") or ""):
                    continue
                k += 1
                if k == n:
                    t = r.content_stream().read().decode()
                    return t, html_body(t)
    raise KeyError(path)


# ---------------------------------------------------------------- actors
def A(name, country=None, role="GOV", id=None):
    d = {"name": name, "country": country, "role": role}
    if id:
        d["id"] = id
    return d


ETH = A("Ethiopia", "ETH")
ETH_MIL = A("Ethiopia", "ETH", "MIL")
SDN = A("Sudan", "SDN")
SDN_MIL = A("Sudan", "SDN", "MIL")
SDN_CVL = A("Sudan", "SDN", "CVL")
SDN_REF = A("Sudan", "SDN", "REF")
ETH_CVL = A("Ethiopia", "ETH", "CVL")
KEN = A("Kenya", "KEN")
ARE = A("United Arab Emirates", "ARE")
AU = A("African Union", None, "IGO", "AU")
EU = A("European Union", None, "IGO", "EU")
UN = A("United Nations", None, "IGO", "UN")
WFP = A("World Food Programme", None, "IGO", "WFP")
UNHCR = A("UNHCR", None, "IGO", "UNHCR")
OCHA = A("OCHA", None, "IGO", "OCHA")
NGO = A("aid agencies", None, "NGO")
BOTH = [ETH, SDN]
BOTH_MIL = [ETH_MIL, SDN_MIL]
UNK = None


def D(start, end=None, precision="day", text=None):
    return {"start": start, "end": end or start, "precision": precision, "text": text}


def E(anchor, type, source, target, modality, date, key=None, accept=None,
      conditional=False, attribution=None, note=None):
    e = {"anchor": anchor, "type": type, "source": source, "target": target,
         "modality": modality, "date": date}
    if conditional:
        e["conditional"] = True
    if attribution:
        e["attribution"] = attribution
    if accept:
        e["also_acceptable"] = accept
    if key:
        e["event_key"] = key
    if note:
        e["note"] = note
    return e


def F(anchor, value, unit, what, where, as_of, attribution, qualifier=None, series=None,
      note=None, value_max=None):
    f = {"anchor": anchor, "value": value, "qualifier": qualifier, "unit": unit, "what": what,
         "where": where, "as_of": as_of, "attribution": attribution}
    if value_max is not None:
        f["value_max"] = value_max
    if series:
        f["series"] = series
    if note:
        f["note"] = note
    return f


def asof(start, end=None):
    return {"start": start, "end": end or start}


DISP = "displaced-gedaref"

# ---------------------------------------------------------------- documents
DOCS = []

# 1 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/plain/horn_observer_gedaref_shelling.txt", position=None,
    format="txt", outlet="The Horn Observer",
    title="Sudan accuses Ethiopia of shelling border villages near Basunda",
    dateline="Port Sudan", published="2025-02-25", date_source="explicit",
    date_note="footer 'Published in The Horn Observer, February 25th, 2025' (print date; the events are of Sat 22 and Mon 24 Feb). Sidebar dates (Oct 2025) are the scrape, not publication.",
    boilerplate=["Published in The Horn Observer", "Opinion", "Editorial", "Harvest of neglect",
                 "Updated 13 Oct, 2025", "Power cuts again", "Exam season", "Port congestion",
                 "SHIPPING lines say vessels"],
    body=["Sudan on Monday accused Ethiopian forces of shelling villages",
          "summoned Ethiopia’s ambassador in protest",
          "Two children were among the dead",
          "could also complicate stalled talks over the Grand Ethiopian Renaissance Dam",
          "unless Ethiopia shares data on water releases."],
    events=[
        E("accused Ethiopian forces of shelling villages", "ACCUSE", SDN, ETH, "asserted",
          D("2025-02-24", text="on Monday"), key="sudan-accuses-ethiopia-0224"),
        E("artillery shells fired from across the border", "ASSAULT", ETH_MIL, SDN_CVL, "asserted",
          D("2025-02-22", text="early on Saturday"), key="gedaref-shelling-0222",
          attribution="the foreign ministry", note="alleged by Sudan; Ethiopia denies"),
        E("summoned Ethiopia’s ambassador in protest", "ACCUSE", SDN, ETH, "asserted",
          D("2025-02-24", text="on Monday"), key="sudan-accuses-ethiopia-0224",
          note="summoning an ambassador to complain is ACCUSE (PLOVER), same day as the accusation"),
        E("would not hesitate to defend its land", "THREATEN", SDN, ETH, "asserted",
          D("2025-02-24"), conditional=True, attribution="Hassan Abdelrahim Nour",
          accept=[{"type": "THREATEN", "modality": "hypothetical"}],
          note="the threat was made (asserted); its content is conditional: 'if the attacks continued'"),
        E("Ethiopia rejected the accusation", "REJECT", ETH, SDN, "asserted", D("2025-02-24"),
          key="ethiopia-denies-0224", accept=[{"type": "ACCUSE", "modality": "asserted"}]),
        E("did not fire a single shell into Sudan", "ASSAULT", ETH_MIL, SDN, "negated",
          D("2025-02-22"), key="gedaref-shelling-0222", attribution="Meron Tadesse",
          note="denial of the 22 Feb shelling"),
        E("had not crossed the border", "MOBILIZE", ETH_MIL, SDN, "negated", D("2025-02-22"),
          attribution="Meron Tadesse", accept=[{"type": "COERCE", "modality": "negated"},
                                               {"type": "ASSAULT", "modality": "negated"}]),
        E("Sudanese troops moved into much of it", "MOBILIZE", SDN_MIL, ETH, "asserted",
          D("2020-10-01", "2020-12-31", "season", "late 2020"),
          accept=[{"type": "COERCE", "modality": "asserted"}], note="background event"),
        E("several hundred people marched to the", "PROTEST", SDN_CVL, SDN, "asserted",
          D("2025-02-23", text="on Sunday"), note="demonstration demanding army protection"),
        E("Sudan will raise the incident", "ACCUSE", SDN, ETH, "future",
          D("2025-02-24", "2025-03-02", "week", "later this week"),
          attribution="the ministry", accept=[{"type": "CONSULT", "modality": "future"}]),
        E("called on both sides to show restraint", "REQUEST", AU, BOTH, "asserted",
          D("2025-02-24", "2025-02-25", "day", None), note="date is the report's; exact day not stated"),
    ],
    figures=[
        F("killing four civilians", 4, "people", "civilians killed", "Gedaref State",
          asof("2025-02-22"), "Sudan foreign ministry"),
        F("Two children were among the dead", 2, "people", "children killed", "Gedaref State",
          asof("2025-02-22"), "Sudan foreign ministry"),
        F("at least 11 people were wounded", 11, "people", "people wounded", "Gedaref State",
          asof("2025-02-22"), "Sudan foreign ministry", qualifier="at least"),
        F("about 5,000 people had left villages", 5000, "people", "people displaced",
          "Gedaref State", asof("2025-02-24"), "Ibrahim Adam Musa, governor of Gedaref State",
          qualifier="about", series=DISP),
    ],
))

# 2 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/archive/crawl.warc.gz", position="record 1", format="warc",
    url="https://www.sahelhornreview.example/horn/2025/03/05/ethiopia-sudan-accept-au-invitation",
    outlet="Sahel & Horn Review",
    title="Ethiopia and Sudan accept AU invitation to border talks in Nairobi",
    dateline=None, published="2025-03-05", date_source="explicit",
    date_note="<time datetime='2025-03-05T11:00:00+00:00'> in the page; WARC-Date (2025-10-14) is the capture, not publication",
    boilerplate=["Diplomacy desk", "Filed under", "Fuel queues return to Niamey",
                 "Somalia launches drought appeal", "Support independent reporting",
                 "Become a member", "Cookie policy", "Content may not be reproduced"],
    body=["Ethiopia and Sudan have accepted an African Union invitation",
          "Kenya has offered to host the talks.",
          "Both governments told me they do not want war",
          "food and clean water were the most urgent needs."],
    events=[
        E("have accepted an African Union invitation", "AGREE", BOTH, AU, "asserted",
          D("2025-03-04", text="on Tuesday"), key="accept-au-talks-0304",
          note="'the AU said on Tuesday'; acceptance date taken as Tue 4 Mar (consistent with the Red Sea Times piece)"),
        E("two foreign ministers would meet", "CONSULT", BOTH, None, "future",
          D("2025-03-20", "2025-03-21", "day", "March 20-21"), key="nairobi-talks-0320",
          accept=[{"type": "AGREE", "modality": "future"}, {"type": "AGREE", "modality": "asserted"}],
          note="PLOVER codes announced meetings as AGREE; storyline keeps the meeting type with modality future"),
        E("Kenya has offered to host the talks", "AGREE", KEN, BOTH, "asserted",
          D("2025-03-04", "2025-03-05", "day"), accept=[{"type": "SUPPORT", "modality": "asserted"}]),
        E("Kane visited Port Sudan on Sunday", "CONSULT", AU, SDN, "asserted",
          D("2025-03-02", text="on Sunday"), key="kane-port-sudan-0302"),
        E("travelled to Addis Ababa on Monday for talks", "CONSULT", AU, ETH, "asserted",
          D("2025-03-03", text="on Monday"), key="kane-addis-0303"),
        E("Sudan had earlier demanded that Ethiopia withdraw", "REQUEST", SDN, ETH, "asserted",
          D("2025-02-22", "2025-03-02", "week", "earlier"), note="date only bounded: before the envoy's visit"),
        E("it dropped that demand after the envoy’s visit", "CONCEDE", SDN, ETH, "asserted",
          D("2025-03-02", "2025-03-04", "day"), attribution="a Sudanese diplomat",
          note="withdrawing a demand is CONCEDE (PLOVER)"),
        E("denied that its troops are inside Sudan", "REJECT", ETH, SDN, "asserted",
          D("2025-02-24", "2025-03-05", "week"), key="ethiopia-denies-0224",
          note="the denial; the troop presence itself is negated"),
        E("discussed the crisis on February 27", "CONSULT", AU, None, "asserted",
          D("2025-02-27", text="on February 27"), key="au-psc-0227"),
        E("called for an immediate cessation of hostilities", "REQUEST", AU, BOTH, "asserted",
          D("2025-02-27", text="on February 27"), key="au-psc-0227",
          accept=[{"type": "AGREE", "modality": "asserted"}]),
        E("Shelling continued at a lower level", "ASSAULT", None, SDN_CVL,
          "asserted", D("2025-03-01", "2025-03-02", "week", "over the weekend"),
          attribution="local officials", note="perpetrator not named"),
    ],
    figures=[
        F("Nearly 9,000 people have been displaced since February 22", 9000, "people",
          "people displaced", "Gedaref State", asof("2025-03-03", "2025-03-05"), "OCHA",
          qualifier="nearly", series=DISP),
    ],
))

# 3 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/plain/red_sea_times_nairobi_talks_preview.txt", position=None, format="txt",
    outlet="Red Sea Times",
    title="Ethiopia and Sudan head to Nairobi talks as border tensions simmer",
    dateline="Addis Ababa", published="2025-03-12", date_source="inferred",
    true_date="2025-03-12", earliest="2025-03-05", latest="2025-03-19",
    date_note="UNDATED: no date statement anywhere. Past 'on March 2', 'On March 4' (so after 4 Mar), future 'expected to meet in Nairobi on March 20-21' (so before 20 Mar), year from 'first face-to-face talks of 2025'. Written as of 12 March 2025; any date in 2025-03-05..2025-03-19 is consistent. Outlet only from 'told Red Sea Times' / 'Source: redseatimes'.",
    boilerplate=["Source: redseatimes", "Add a Comment",
                 "Your email address will not be shown publicly.",
                 "Required fields are marked *", "Print Friendly version",
                 "Follow us on Twitter"],
    body=["Ethiopia and Sudan are preparing for African Union-mediated talks",
          "the gap between them remains wide",
          "If the Nairobi talks fail, local militias will fill the vacuum",
          "could run out by the end of the month unless new funding arrives."],
    events=[
        E("held talks with Sudanese officials in Port Sudan", "CONSULT", AU, SDN, "asserted",
          D("2025-03-02", text="on March 2"), key="kane-port-sudan-0302"),
        E("both governments accepted her invitation to negotiations", "AGREE", BOTH, AU,
          "asserted", D("2025-03-04", text="On March 4"), key="accept-au-talks-0304"),
        E("expected to meet in Nairobi on March 20-21", "CONSULT", BOTH, None, "future",
          D("2025-03-20", "2025-03-21", "day", "on March 20-21"), key="nairobi-talks-0320",
          accept=[{"type": "AGREE", "modality": "future"}]),
        E("did not violate Sudan’s territory", "MOBILIZE", ETH_MIL, SDN, "negated",
          D("2025-02-22", "2025-03-12", "month"), attribution="Dawit Bekele",
          accept=[{"type": "ASSAULT", "modality": "negated"}, {"type": "COERCE", "modality": "negated"},
                  {"type": "REJECT", "modality": "asserted"}],
          note="a denial: the violation is negated; the denial itself is REJECT"),
        E("Ethiopia would insist that Sudanese forces withdraw", "REQUEST", ETH, SDN, "asserted",
          D("2025-03-12", precision="day"), attribution="Dawit Bekele",
          accept=[{"type": "REQUEST", "modality": "future"}],
          note="a demand stated to Red Sea Times; date is the article's (inferred)"),
        E("will not negotiate over sovereignty", "REJECT", SDN, ETH, "asserted",
          D("2025-02-24", "2025-03-12", "month"), attribution="Hassan Abdelrahim Nour",
          accept=[{"type": "CONSULT", "modality": "negated"}, {"type": "REJECT", "modality": "future"}]),
        E("the talks could stall quickly", "CONSULT", BOTH, None, "hypothetical", None,
          accept=[{"type": "REJECT", "modality": "hypothetical"}], conditional=True,
          attribution="analysts", note="speculative; may be skipped by a cautious coder"),
        E("shelling could trigger a wider confrontation", "ASSAULT", BOTH_MIL,
          None, "hypothetical", None, conditional=True, attribution="Yonas Berhane",
          note="conditional on 'If the Nairobi talks fail'; no date"),
        E("The envoy has proposed a ceasefire", "AGREE", BOTH, None,
          "hypothetical", None, attribution="two diplomats familiar with the draft",
          accept=[{"type": "REQUEST", "modality": "asserted"}, {"type": "CONCEDE", "modality": "hypothetical"}],
          note="proposed ceasefire (AU proposal); not yet accepted"),
        E("Neither government has publicly accepted the proposal", "AGREE", BOTH, AU, "negated",
          D("2025-03-12", precision="day")),
        E("targeted sanctions could be imposed on commanders", "SANCTION", EU, None,
          "hypothetical", None, attribution="one EU diplomat", conditional=True,
          note="privately discussed; 'no formal proposal has been tabled'"),
    ],
    figures=[
        F("More than 15,000 people have now fled villages", 15000, "people", "people displaced",
          "Gedaref State", asof("2025-03-05", "2025-03-19"), "United Nations",
          qualifier="more than", series=DISP,
          note="as of the undated article's date (true date 2025-03-12)"),
    ],
))

# 4 ------------------------------------------------------------------------
L1_EVENTS = [
    E("signed a ceasefire agreement on Friday", "AGREE", BOTH, None, "asserted",
      D("2025-03-21", text="on Friday"), key="nairobi-ceasefire-0321",
      accept=[{"type": "SUPPORT", "modality": "asserted"}, {"type": "CONCEDE", "modality": "asserted"}],
      note="THE agreement: the merge target reported by several outlets"),
    E("after two days of talks mediated by", "CONSULT", BOTH, None, "asserted",
      D("2025-03-20", "2025-03-21", "day", "two days"), key="nairobi-talks-0320",
      note="mediated by the African Union (third party)"),
    E("It takes effect at midnight on Saturday", "RETREAT", BOTH_MIL, None, "future",
      D("2025-03-22", text="at midnight on Saturday"),
      accept=[{"type": "CONCEDE", "modality": "future"}, {"type": "CONCEDE", "modality": "asserted"}],
      attribution="the AU", note="ceasefire start; may be skipped"),
    E("both armies will withdraw artillery", "RETREAT", BOTH_MIL, None,
      "future", D("2025-03-22", "2025-04-20", "month", "within 30 days"),
      key="heavy-weapons-pullback", accept=[{"type": "CONCEDE", "modality": "future"},
                                            {"type": "CONCEDE", "modality": "asserted"}]),
    E("is to hold its first meeting", "CONSULT", BOTH, None, "future",
      D("2025-03-22", "2025-04-11", "week", "within three weeks"), key="commission-meeting-0414",
      accept=[{"type": "AGREE", "modality": "future"}]),
    E("AU monitors will be deployed to the area", "RETREAT", BOTH, AU, "future",
      D("2025-03-22", "2025-04-20", "month"), key="au-monitors-arrive-0408",
      accept=[{"type": "MOBILIZE", "modality": "future"}, {"type": "AGREE", "modality": "future"},
              {"type": "AID", "modality": "future"}],
      note="RETREAT 'access' = letting observers in"),
    E("The guns must now fall silent", "REQUEST", AU, BOTH, "asserted", D("2025-03-21"),
      attribution="Fatoumata Ndiaye Kane"),
    E("agreed to give humanitarian agencies unhindered access", "AGREE", BOTH, NGO, "asserted",
      D("2025-03-21"), key="nairobi-ceasefire-0321",
      accept=[{"type": "CONCEDE", "modality": "asserted"}, {"type": "RETREAT", "modality": "future"}]),
    E("since the clashes began on February 22", "ASSAULT", BOTH_MIL, None, "asserted",
      D("2025-02-22", text="on February 22"), key="gedaref-shelling-0222"),
    E("not given up a single inch", "CONCEDE", SDN, ETH, "negated",
      D("2025-03-21"), attribution="Hassan Abdelrahim Nour"),
    E("could resume if the ceasefire holds", "CONSULT", BOTH, None, "hypothetical", None,
      key="gerd-talks-resume", conditional=True, attribution="diplomats",
      accept=[{"type": "AGREE", "modality": "hypothetical"}],
      note="talks on the Grand Ethiopian Renaissance Dam; no date given here"),
]
L1_FIGURES = [
    F("at least 10 kilometres (six miles) from the border", 10, "km",
      "heavy weapons pullback distance", "Ethiopia-Sudan border", asof("2025-03-21"),
      "the agreement", qualifier="at least"),
    F("within 30 days", 30, "days", "deadline for heavy weapons pullback", None,
      asof("2025-03-21"), "the agreement", qualifier="within",
      note="optional: a duration, not a count"),
    F("About 18,000 people have been displaced", 18000, "people", "people displaced",
      "Gedaref State", asof("2025-03-21"), "OCHA", qualifier="about", series=DISP),
]
DOCS.append(dict(
    path="examples/feed/wire.jsonl", position="line 1", format="jsonl",
    input_id="pap-2025-03-21-0417",
    url="https://wire.panafricanpress.example/2025/03/21/ethiopia-sudan-sign-ceasefire",
    outlet="Pan African Press",
    title="Ethiopia and Sudan sign AU-brokered ceasefire for disputed border",
    dateline="Nairobi", published="2025-03-21", date_source="input",
    boilerplate=[],
    body=["Ethiopia and Sudan signed a ceasefire agreement on Friday",
          "The guns must now fall silent.",
          "could resume if the ceasefire holds, diplomats said."],
    events=L1_EVENTS, figures=L1_FIGURES,
))

# 5 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/archive/crawl.warc.gz", position="record 2", format="warc",
    url="https://www.gulfmorningpost.example/world/africa/ethiopia-and-sudan-sign-au-brokered-ceasefire",
    outlet="Gulf Morning Post",
    title="Ethiopia and Sudan sign AU-brokered ceasefire for disputed border",
    dateline="Nairobi", published="2025-03-22", date_source="explicit",
    date_note="page shows 'Saturday, 22 March 2025' and 'Published: Sat 22 Mar 2025, 6:45 PM'; the wire original is dated 21 March",
    duplicate_of={"path": "examples/feed/wire.jsonl", "position": "line 1"},
    syndicated=True,
    boilerplate=["Advertisement", "E-paper", "Follow Gulf Morning Post on WhatsApp Channels",
                 "Yellow alert issued as rain expected", "Gold price hits new high in Dubai",
                 "Top stories", "Cookie Policy", "All rights reserved"],
    body=["Ethiopia and Sudan signed a ceasefire agreement on Friday",
          "could resume if the ceasefire holds, diplomats said.",
          "The United Arab Emirates welcomed the agreement",
          "support reconstruction in the border areas."],
    events=[
        *L1_EVENTS,
        E("The United Arab Emirates welcomed the agreement", "SUPPORT", ARE, BOTH, "asserted",
          D("2025-03-22", text="on Saturday"), note="only in the syndicated copy (extra last paragraph)"),
        E("offered to support reconstruction in the border areas", "AGREE", ARE, SDN, "asserted",
          D("2025-03-22"), accept=[{"type": "AID", "modality": "future"}]),
    ],
    figures=L1_FIGURES,
))

# 6 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/html/nile_courier_doka_reaction.html", position=None, format="html",
    outlet="Nile Courier",
    title="Gedaref’s displaced greet Nairobi truce with hope and doubt",
    dateline="Gedaref", published="2025-03-22", date_source="explicit",
    date_note="meta article:published_time 2025-03-22T18:40:00+03:00",
    boilerplate=["Port Sudan 34°C", "Subscribe", "Log in", "Photo: Nile Courier",
                 "Get the Nile Courier morning briefing", "Related stories",
                 "Sorghum prices climb ahead of the lean season", "Al-Hilal win away",
                 "We use cookies to improve your experience", "Advertise with us"],
    body=["In the crowded schoolyards of Doka",
          "mother of five from a village near Basunda",
          "The agreement means nothing to a hungry child",
          "once the roads were declared safe."],
    events=[
        E("ceasefire signed in Nairobi on Friday", "AGREE", BOTH, None, "asserted",
          D("2025-03-21", text="on Friday"), key="nairobi-ceasefire-0321",
          accept=[{"type": "SUPPORT", "modality": "asserted"}]),
        E("agreed in the Kenyan capital to halt hostilities", "AGREE", BOTH, None, "asserted",
          D("2025-03-21"), key="nairobi-ceasefire-0321",
          accept=[{"type": "CONCEDE", "modality": "asserted"}]),
        E("two days of talks led by", "CONSULT", BOTH, None, "asserted",
          D("2025-03-20", "2025-03-21", "day"), key="nairobi-talks-0320"),
        E("Sovereignty Council welcomed the agreement on Saturday", "SUPPORT", SDN, None, "asserted",
          D("2025-03-22", text="on Saturday")),
        E("thanked Kenya for hosting the talks", "SUPPORT", SDN, KEN, "asserted", D("2025-03-22")),
        E("Ethiopia would “fully honour” the ceasefire", "AGREE", ETH, SDN, "asserted",
          D("2025-03-22", "2025-03-22"), attribution="Meron Tadesse",
          accept=[{"type": "RETREAT", "modality": "future"}, {"type": "CONCEDE", "modality": "future"}],
          note="a promise: asserted AGREE (PLOVER) or the ceasefire observance as future"),
        E("after the February 22 attack", "ASSAULT", ETH_MIL, SDN_CVL, "asserted",
          D("2025-02-22", text="February 22"), key="gedaref-shelling-0222",
          accept=[{"type": "ASSAULT", "modality": "asserted", "source": None}],
          note="perpetrator not named in this article"),
        E("He urged donors to send food", "REQUEST", SDN, None, "asserted",
          D("2025-03-22"), attribution="Ibrahim Adam Musa"),
        E("many villagers would not return until monitors", "RETREAT", SDN_CVL, None, "negated",
          None, conditional=True, attribution="Osman el-Nur",
          note="conditional non-return; optional"),
        E("planned to send its first convoy of food", "AID", WFP, SDN_CVL, "future",
          D("2025-03-24", "2025-03-30", "week", "next week"), key="wfp-convoy-0327",
          conditional=True, accept=[{"type": "AGREE", "modality": "asserted"}],
          note="'once the roads were declared safe'; delivered on Thu 27 Mar (Crisis Desk Africa)"),
    ],
    figures=[
        F("more than 18,000 people were now sheltering", 18000, "people", "people displaced",
          "Doka and surrounding villages, Gedaref State", asof("2025-03-22"),
          "Ibrahim Adam Musa, governor of Gedaref State", qualifier="more than", series=DISP),
        F("up from about 5,000 in the first days", 5000, "people", "people displaced",
          "Gedaref State", asof("2025-02-22", "2025-02-28"), "Ibrahim Adam Musa",
          qualifier="about", series=DISP),
    ],
))

# 7 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/plain/capital_markets_standard_border_trade.txt", position=None, format="txt",
    outlet="Capital Markets Standard",
    title="Ethiopia, Sudan truce raises hopes for Metema's border trade route",
    title_raw="Ethiopia\\, Sudan truce raises hopes for Metema\\'s border trade route",
    dateline="Addis Ababa", published="2025-03-24", date_source="explicit",
    date_note="footer 'First Published: Mon, March 24 2025. 09:12 IST'; agency line 'CNS  |  Addis Ababa'; outlet only from the syndication disclaimer",
    boilerplate=["Ethiopia\\, Sudan truce", "CNS  |", "This story has not been edited by",
                 "published as received from a wire service feed", "First Published: Mon, March 24 2025",
                 "09:12 IST"],
    body=["Traders on both sides of the Ethiopia-Sudan border are counting on a ceasefire",
          "Every day the gate is closed we lose money",
          "Ethiopia's export earnings at the same time",
          "advises the chamber of commerce."],
    events=[
        E("shelling erupted near the frontier in late February", "ASSAULT", BOTH_MIL, None,
          "asserted", D("2025-02-21", "2025-02-28", "week", "late February"),
          key="gedaref-shelling-0222"),
        E("the agreement signed in Nairobi on March 21", "AGREE", BOTH, None, "asserted",
          D("2025-03-21", text="on March 21"), key="nairobi-ceasefire-0321",
          accept=[{"type": "SUPPORT", "modality": "asserted"}]),
        E("crossing is expected to reopen on April 1", "COOPERATE", BOTH, None, "hypothetical",
          D("2025-04-01", text="on April 1"), key="crossing-reopen-0401", conditional=True,
          accept=[{"type": "COOPERATE", "modality": "future"}, {"type": "RETREAT", "modality": "hypothetical"},
                  {"type": "RETREAT", "modality": "future"}],
          note="expected AND 'if the ceasefire holds'; it did not reopen on 1 April (Crisis Desk Africa, item 1)"),
        E("recorded \"minor violations\" near Basunda", "ASSAULT", None, SDN, "asserted",
          D("2025-03-22", "2025-03-23", "day"), attribution="Sudan's army",
          note="perpetrator not named"),
        E("did not blame on Ethiopian regular forces", "ACCUSE", SDN_MIL, ETH_MIL, "negated",
          D("2025-03-23", text="on Sunday")),
        E("If fighting resumes", "ASSAULT", BOTH_MIL, None, "hypothetical", None, conditional=True),
        E("the crossing could close again for months", "SANCTION", BOTH, None, "hypothetical",
          None, conditional=True, note="optional"),
    ],
    figures=[
        F("about 300 trucks a day used the crossing", 300, "trucks per day",
          "trucks using the Metema-Gallabat crossing before closure", "Metema-Gallabat crossing",
          asof("2025-01-01", "2025-02-21"), "Ethiopia's trade ministry", qualifier="about"),
        F("had risen by more than 40 per cent", 40, "percent", "fuel price rise in Metema",
          "Metema", asof("2025-03-24"), "traders in Metema", qualifier="more than"),
        F("between $300 million and $400 million", 300000000, "USD",
          "cross-border trade last year (range 300-400 million)", "Ethiopia-Sudan border",
          asof("2024-01-01", "2024-12-31"), "official figures", qualifier="between",
          value_max=400000000, note="a range: 300 to 400 million"),
    ],
))

# 8 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/feed/news.rss", position="item 2", format="rss",
    url="https://crisisdesk.example/africa/2025/03/28/first-wfp-convoy-doka",
    input_id="crisisdesk-africa-20250328-1030", outlet="Crisis Desk Africa",
    title="First WFP convoy reaches displaced families in Sudan's Gedaref",
    dateline="Doka", published="2025-03-28", date_source="input",
    boilerplate=[],
    body=["A convoy of 40 trucks carrying food from the World Food Programme",
          "enough to feed around 60,000 people for a month",
          "once AU monitors are in place."],
    events=[
        E("A convoy of 40 trucks carrying food", "AID", WFP, SDN_CVL, "asserted",
          D("2025-03-27", text="on Thursday"), key="wfp-convoy-0327"),
        E("the ceasefire agreed in Nairobi last week", "AGREE", BOTH, None, "asserted",
          D("2025-03-21", "2025-03-21", "day", "last week"), key="nairobi-ceasefire-0321",
          accept=[{"type": "AGREE", "modality": "asserted", "date": {"start": "2025-03-17", "end": "2025-03-23", "precision": "week"}}],
          note="'last week' resolves to the week of 17-23 March; exact day known from other reports"),
        E("announced an additional €5 million in humanitarian aid", "AID", EU, SDN_CVL, "asserted",
          D("2025-03-26", text="on Wednesday"), accept=[{"type": "AGREE", "modality": "asserted"}]),
        E("a second convoy is expected to leave", "AID", WFP, SDN_CVL, "future",
          D("2025-03-31", "2025-04-06", "week", "next week"), key="wfp-convoy-2",
          accept=[{"type": "AGREE", "modality": "future"}]),
        E("plans to reach villages closer to the border", "AID", WFP, SDN_CVL, "future", None,
          conditional=True, accept=[{"type": "AID", "modality": "hypothetical"}],
          note="'once AU monitors are in place'"),
    ],
    figures=[
        F("A convoy of 40 trucks", 40, "trucks", "aid trucks in first WFP convoy", "Doka",
          asof("2025-03-27"), "WFP"),
        F("about 900 tonnes of sorghum", 900, "tonnes", "food delivered", "Doka",
          asof("2025-03-27"), "WFP", qualifier="about"),
        F("enough to feed around 60,000 people for a month", 60000, "people",
          "people the delivery can feed for a month", "Gedaref State", asof("2025-03-27"), "WFP",
          qualifier="around"),
        F("about 21,000 people have now been displaced", 21000, "people", "people displaced",
          "Gedaref State", asof("2025-03-28"), "UNHCR", qualifier="about", series=DISP),
        F("an additional €5 million in humanitarian aid", 5000000, "EUR",
          "EU humanitarian aid pledged", "Gedaref border area", asof("2025-03-26"),
          "European Union"),
    ],
))

# 9 ------------------------------------------------------------------------
DOCS.append(dict(
    path="examples/plain/nairobi_dispatch_metema_truce_breach.txt", position=None, format="txt",
    outlet="The Nairobi Dispatch",
    title="Ethiopia accuses Sudan of breaking truce after shelling near Metema",
    dateline=None, published="2025-04-04", date_source="explicit",
    date_note="footer 'Updated: April 4, 2025 7:41 PM'. Traps: scrape header 'Tuesday 14 October 2025' and photo caption 'on March 27, 2025'",
    boilerplate=["Nairobi, KenyaTuesday 14 October 2025",
                 "Addis Ababa says two soldiers were killed",
                 "Displaced Sudanese families queue for water",
                 "Nairobi Dispatch photo",
                 "Gedaref's displaced greet Nairobi truce with hope and doubt",
                 "Updated: April 4, 2025 7:41 PM", "Editors' choice",
                 "Sign up for the morning briefing", "Most Popular"],
    inline=["Gedaref's displaced greet Nairobi truce with hope and doubt"],
    body=["Ethiopia on Friday accused Sudan's army of violating",
          "killing two Ethiopian soldiers",
          "did not violate the ceasefire",
          "according to the UN refugee agency."],
    events=[
        E("accused Sudan's army of violating the", "ACCUSE", ETH, SDN_MIL, "asserted",
          D("2025-04-04", text="on Friday"), key="ethiopia-accuses-0404"),
        E("shells fired from Sudanese positions hit", "ASSAULT", SDN_MIL, ETH_MIL,
          "asserted", D("2025-04-03", text="on Thursday evening"), key="metema-shelling-0403",
          attribution="Ethiopia", note="alleged by Ethiopia; Sudan denies"),
        E("the agreement signed in Nairobi on March 21", "AGREE", BOTH, None, "asserted",
          D("2025-03-21", text="on March 21"), key="nairobi-ceasefire-0321",
          accept=[{"type": "SUPPORT", "modality": "asserted"}]),
        E("by not returning fire", "ASSAULT", ETH_MIL, SDN_MIL, "negated", D("2025-04-03"),
          attribution="Colonel Getachew Alemu"),
        E("Sudan denied the accusation", "REJECT", SDN, ETH, "asserted", D("2025-04-04"),
          key="sudan-denies-0404"),
        E("did not violate the ceasefire", "ASSAULT", SDN_MIL, ETH_MIL, "negated",
          D("2025-04-03"), key="metema-shelling-0403", attribution="Brigadier General Khalid el-Tayeb"),
        E("could suspend its participation in the joint", "THREATEN", ETH, SDN, "asserted",
          D("2025-04-04"), conditional=True, attribution="Colonel Getachew Alemu",
          accept=[{"type": "SANCTION", "modality": "hypothetical"},
                  {"type": "THREATEN", "modality": "hypothetical"}],
          note="threat made (asserted), suspension conditional 'if such attacks continued'"),
        E("due to hold its first session", "CONSULT", BOTH, None, "future",
          D("2025-04-14", text="on April 14"), key="commission-meeting-0414",
          accept=[{"type": "AGREE", "modality": "future"}]),
        E("The African Union said it was \"deeply concerned\"", "ACCUSE", AU, None, "asserted",
          D("2025-04-04")),
        E("urged both sides to let its monitors", "REQUEST", AU, BOTH, "asserted", D("2025-04-04")),
        E("could consider \"targeted measures against those", "SANCTION", EU, None, "hypothetical",
          None, key="eu-warning-0404", conditional=True, attribution="Anna-Lena Berg",
          accept=[{"type": "THREATEN", "modality": "asserted"}],
          note="'if violations continued'; the warning itself is a THREATEN on 4 Apr"),
        E("convoy bound for Doka was held back", "AID", WFP, SDN_CVL, "negated",
          D("2025-04-04", text="on Friday"), key="wfp-convoy-2"),
    ],
    figures=[
        F("killing two Ethiopian soldiers", 2, "people", "soldiers killed", "near Metema",
          asof("2025-04-03"), "Ethiopia"),
        F("About 21,000 people remain displaced", 21000, "people", "people displaced",
          "Gedaref State", asof("2025-04-04"), "UNHCR", qualifier="about", series=DISP),
    ],
))

# 10 -----------------------------------------------------------------------
DOCS.append(dict(
    path="examples/feed/news.rss", position="item 1", format="rss",
    url="https://crisisdesk.example/africa/2025/04/09/au-monitors-arrive-gallabat",
    input_id="crisisdesk-africa-20250409-0931", outlet="Crisis Desk Africa",
    title="AU monitors arrive on Ethiopia-Sudan border as displacement grows",
    dateline="Gallabat", published="2025-04-09", date_source="input",
    boilerplate=[],
    body=["The first team of African Union ceasefire monitors arrived",
          "Ethiopian officials did not immediately respond.",
          "which did not reopen on April 1 as planned."],
    events=[
        E("ceasefire monitors arrived in the Sudanese", "RETREAT", BOTH, AU,
          "asserted", D("2025-04-08", text="on Tuesday"), key="au-monitors-arrive-0408",
          accept=[{"type": "MOBILIZE", "modality": "asserted"}, {"type": "AID", "modality": "asserted"},
                  {"type": "COOPERATE", "modality": "asserted"}],
          note="observers allowed in (RETREAT 'access'); coders may instead code the AU deployment"),
        E("Ethiopia and Sudan agreed to halt hostilities", "AGREE", BOTH, None, "asserted",
          D("2025-03-21", "2025-03-21", "day", "nearly three weeks"), key="nairobi-ceasefire-0321",
          note="date only implied ('nearly three weeks after'); a lenient match accepts 2025-03-17..2025-03-21"),
        E("will patrol both sides of the border", "ACCUSE", AU, BOTH, "future", None,
          accept=[{"type": "MOBILIZE", "modality": "future"}],
          note="investigate reported violations = ACCUSE 'investigate'"),
        E("last week's shelling near Metema", "ASSAULT", SDN_MIL, ETH_MIL, "asserted",
          D("2025-04-03", "2025-04-03", "day", "last week"), key="metema-shelling-0403",
          accept=[{"type": "ASSAULT", "modality": "asserted", "source": None,
                   "date": {"start": "2025-03-31", "end": "2025-04-06", "precision": "week"}}],
          note="perpetrator not named here"),
        E("called on Ethiopia to share data", "REQUEST", SDN, ETH, "asserted",
          D("2025-04-07", "2025-04-09", "week"), key="gerd-data-request",
          note="'meanwhile': within the days before the report"),
        E("is expected to meet on Monday in Gallabat", "CONSULT", BOTH, None, "future",
          D("2025-04-14", text="on Monday"), key="commission-meeting-0414",
          accept=[{"type": "AGREE", "modality": "future"}]),
        E("must be completed by April 20", "RETREAT", BOTH_MIL, None, "future",
          D("2025-04-20", "2025-04-20", "day", "by April 20"), key="heavy-weapons-pullback",
          accept=[{"type": "CONCEDE", "modality": "future"}]),
        E("did not reopen on April 1 as planned", "COOPERATE", BOTH, None, "negated",
          D("2025-04-01", text="on April 1"), key="crossing-reopen-0401",
          accept=[{"type": "RETREAT", "modality": "negated"}]),
    ],
    figures=[
        F("The 12 monitors", 12, "people", "AU ceasefire monitors deployed", "Gallabat",
          asof("2025-04-08"), "African Union"),
        F("about 26,000 people had been registered as displaced", 26000, "people",
          "people displaced", "Gedaref State", asof("2025-04-08"), "UNHCR", qualifier="about",
          series=DISP),
        F("up from about 21,000 at the end of March", 21000, "people", "people displaced",
          "Gedaref State", asof("2025-03-25", "2025-03-31"), "UNHCR", qualifier="about",
          series=DISP),
    ],
))

# 11 -----------------------------------------------------------------------
DOCS.append(dict(
    path="examples/html/east_africa_ledger_border_commission.html", position=None, format="html",
    outlet="East Africa Ledger",
    title="Ethiopia-Sudan border commission agrees pullback timetable and dam data deal",
    dateline="Gallabat", published="2025-04-15", date_source="explicit",
    date_note="no published_time meta: only the visible 'Published Tuesday, April 15, 2025'; sidebar dates (April 8, April 4, March 30) are related links",
    boilerplate=["Skip to content", "Independent news from the Horn and the Great Lakes",
                 "Support our journalism", "4 min read", "Never miss a story",
                 "Sign up for The Ledger Daily", "More from the Horn",
                 "Coffee auction prices hit record", "This website uses cookies",
                 "Editorial standards"],
    body=["Ethiopia and Sudan agreed on Monday to complete the withdrawal",
          "not to score points",
          "The commission will meet again in the Ethiopian town of Metema in May.",
          "if they did not return home before June."],
    events=[
        E("agreed on Monday to complete the withdrawal", "AGREE", BOTH, None, "asserted",
          D("2025-04-14", text="on Monday")),
        E("withdrawal of heavy weapons from their shared border", "RETREAT", BOTH_MIL, None,
          "future", D("2025-04-20", "2025-04-20", "day", "by April 20"), key="heavy-weapons-pullback",
          accept=[{"type": "CONCEDE", "modality": "future"}]),
        E("reopen the Metema-Gallabat crossing to trucks within days", "COOPERATE", BOTH, None,
          "future", D("2025-04-15", "2025-04-21", "week", "within days"), key="crossing-reopen-0422",
          accept=[{"type": "AGREE", "modality": "asserted"}]),
        E("The one-day meeting in the Sudanese", "CONSULT", BOTH, None,
          "asserted", D("2025-04-14"), key="commission-meeting-0414",
          note="chaired by the AU envoy (third party)"),
        E("Ethiopia also agreed to share daily data", "AGREE", ETH, SDN, "asserted",
          D("2025-04-14"), key="gerd-data-deal",
          accept=[{"type": "COOPERATE", "modality": "future"}]),
        E("Sudan had demanded the information last week", "REQUEST", SDN, ETH, "asserted",
          D("2025-04-07", "2025-04-13", "week", "last week"), key="gerd-data-request"),
        E("the dam could resume in May", "CONSULT", BOTH, None,
          "hypothetical", D("2025-05-01", "2025-05-31", "month", "in May"), key="gerd-talks-resume",
          conditional=True, attribution="an Ethiopian official"),
        E("gave the AU monitors permission to visit", "RETREAT", BOTH, AU, "asserted",
          D("2025-04-14")),
        E("the April 3 shelling near Metema", "ASSAULT", SDN_MIL, ETH_MIL, "asserted",
          D("2025-04-03", text="April 3"), key="metema-shelling-0403",
          accept=[{"type": "ASSAULT", "modality": "asserted", "source": None}]),
        E("Ethiopia had accused Sudan’s army of the attack", "ACCUSE", ETH, SDN_MIL, "asserted",
          D("2025-04-04", "2025-04-04", "day", None), key="ethiopia-accuses-0404",
          note="date not in this article; from the Nairobi Dispatch report"),
        E("Sudan has denied it", "REJECT", SDN, ETH, "asserted", D("2025-04-04"),
          key="sudan-denies-0404"),
        E("would not accept any Ethiopian military presence", "REJECT", SDN, ETH, "asserted",
          D("2025-04-14"), attribution="Major General Abdelmoneim Siddig"),
        E("The commission will meet again", "CONSULT",
          BOTH, None, "future", D("2025-05-01", "2025-05-31", "month", "in May"),
          key="commission-metema-may", accept=[{"type": "AGREE", "modality": "future"}]),
        E("Aid agencies welcomed the meeting", "SUPPORT", NGO, BOTH, "asserted",
          D("2025-04-14", "2025-04-15")),
    ],
    figures=[
        F("about 26,000 people remain displaced", 26000, "people", "people displaced",
          "Gedaref State", asof("2025-04-15"), "United Nations", qualifier="about", series=DISP),
    ],
))

# 12 -----------------------------------------------------------------------
DOCS.append(dict(
    path="examples/feed/wire.jsonl", position="line 2", format="jsonl",
    input_id="pap-2025-04-23-0152",
    url="https://wire.panafricanpress.example/2025/04/23/displaced-sudanese-start-returning",
    outlet="Pan African Press",
    title="Displaced Sudanese start returning as Ethiopia and Sudan complete weapons pullback",
    dateline="Gedaref", published="2025-04-23", date_source="input",
    boilerplate=[],
    body=["Thousands of Sudanese farmers who fled shelling",
          "people are voting with their feet",
          "goes well, diplomats said."],
    events=[
        E("have started returning home", "RETREAT", SDN_CVL, None, "asserted",
          D("2025-04-19", "2025-04-23", "week"), key="returns-0419",
          note="return of displaced civilians"),
        E("both armies had pulled their heavy weapons back", "RETREAT", BOTH_MIL, None, "asserted",
          D("2025-04-20", text="on April 20"), key="heavy-weapons-pullback",
          note="completed on April 20 as agreed"),
        E("its monitors had verified the withdrawal", "ACCUSE", AU, BOTH, "asserted",
          D("2025-04-22", text="on Tuesday"), accept=[{"type": "RETREAT", "modality": "asserted"}],
          note="verification = ACCUSE 'investigate'; optional"),
        E("have gone back to villages around Basunda", "RETREAT", SDN_CVL, None, "asserted",
          D("2025-04-19", "2025-04-23", "week", "since the weekend"), key="returns-0419"),
        E("border crossing reopened to trucks on Tuesday", "COOPERATE", BOTH, None, "asserted",
          D("2025-04-22", text="on Tuesday"), key="crossing-reopen-0422",
          accept=[{"type": "RETREAT", "modality": "asserted"}]),
        E("farmers escorted by militiamen had tried", "COERCE", ETH_CVL, SDN,
          "asserted", D("2025-04-19", "2025-04-23", "week"),
          attribution="Sudan's foreign ministry",
          accept=[{"type": "ACCUSE", "modality": "asserted"}],
          note="Sudan's accusation (ACCUSE, 23 Apr) of an attempted incursion"),
        E("warned that Sudan would \"respond firmly\"", "THREATEN", SDN, ETH, "asserted",
          D("2025-04-23", text="on Wednesday"), conditional=True,
          note="conditional: 'to any new incursion'"),
        E("warned of targeted sanctions", "THREATEN", EU, None,
          "asserted", D("2025-04-04"), key="eu-warning-0404",
          accept=[{"type": "SANCTION", "modality": "hypothetical"}]),
        E("it had no plans to impose measures", "SANCTION", EU, None, "negated", None,
          conditional=True, accept=[{"type": "SANCTION", "modality": "hypothetical"}],
          note="'as long as the ceasefire holds'"),
        E("could restart in May", "CONSULT", BOTH, None, "hypothetical",
          D("2025-05-01", "2025-05-31", "month", "in May"), key="gerd-talks-resume",
          conditional=True, attribution="diplomats"),
        E("the border commission's next meeting, in Metema", "CONSULT", BOTH, None, "future",
          D("2025-05-01", "2025-05-31", "month"), key="commission-metema-may",
          note="month known from the East Africa Ledger report, not this one"),
    ],
    figures=[
        F("at least 10 km from the border", 10, "km", "heavy weapons pullback distance",
          "Ethiopia-Sudan border", asof("2025-04-20"), "African Union", qualifier="at least"),
        F("About 6,500 people have gone back", 6500, "people", "displaced people returned",
          "Basunda and Gallabat", asof("2025-04-23"), "UNHCR", qualifier="about",
          series="returned-gedaref"),
        F("some 19,500 remain displaced", 19500, "people", "people displaced", "Gedaref State",
          asof("2025-04-23"), "UNHCR", qualifier="about", series=DISP),
        F("about 120 trucks crossed on the first day", 120, "trucks",
          "trucks crossing at Metema-Gallabat on reopening day", "Metema-Gallabat crossing",
          asof("2025-04-22"), "officials on both sides", qualifier="about"),
    ],
))


# ---------------------------------------------------------------- checks
def norm(s):
    return re.sub(r"\s+", " ", s)


errors = []
for d in DOCS:
    whole, body = load(d["path"], d["position"])
    whole_n, body_n = norm(whole), norm(body)
    where = f'{d["path"]} {d["position"] or ""}'
    first = body_n.find(norm(d["body"][0]))
    last_p = norm(d["body"][-1])
    last = body_n.find(last_p)
    if first < 0 or last < 0:
        errors.append(f"{where}: first/last body phrase missing")
        continue
    region = body_n[first:last + len(last_p)]
    if d["path"].endswith(".txt"):
        wf = whole_n.find(norm(d["body"][0]))
        wl = whole_n.find(last_p)
        region = whole_n[wf:wl + len(last_p)]
    for b in d["body"]:
        if norm(b) not in region:
            errors.append(f"{where}: body phrase not in body: {b!r}")
    for b in d["boilerplate"]:
        if norm(b) not in whole_n:
            errors.append(f"{where}: boilerplate phrase not in doc: {b!r}")
        if norm(b) in region and b not in d.get("inline", []):
            errors.append(f"{where}: boilerplate phrase inside body: {b!r}")
    for e in d["events"]:
        if norm(e["anchor"]) not in region:
            errors.append(f"{where}: event anchor missing: {e['anchor']!r}")
        n = len(e["anchor"].split())
        if not 3 <= n <= 8:
            errors.append(f"{where}: anchor length {n}: {e['anchor']!r}")
    for f in d["figures"]:
        if norm(f["anchor"]) not in region:
            errors.append(f"{where}: figure anchor missing: {f['anchor']!r}")
    if d["title"] and d["format"] in ("txt", "html", "warc") and norm(d["title"]) not in norm(
            whole.replace("&amp;", "&")):
        errors.append(f"{where}: title not in doc")
    words = len(region.split())
    d["_words"] = words
    if not 150 <= words <= 450:
        errors.append(f"{where}: body words {words}")

for e in errors:
    print("ERROR", e)
for d in DOCS:
    print(d["_words"], d["path"], d["position"], len(d["events"]), len(d["figures"]))
if errors:
    sys.exit(1)

# ---------------------------------------------------------------- write
KEYS = ["path", "position", "format", "url", "input_id", "outlet", "title", "title_raw",
        "dateline", "published", "date_source", "true_date", "earliest", "latest", "date_note",
        "syndicated", "duplicate_of", "boilerplate", "body"]
arts = []
for d in DOCS:
    a = {k: d.get(k) for k in KEYS if k in d or k in ("position", "url", "input_id")}
    if d["format"] == "warc" and "duplicate_of" not in d:
        a["syndicated"] = False
    arts.append(a)

articles = {
    "description": "Gold for the bundled sample corpus examples/ (an invented Ethiopia-Sudan border story, Feb-Apr 2025). One record per article the reader must produce (WARC positions count HTML responses only; RSS items in feed order). 'boilerplate': exact phrases present in the raw document that must NOT be in the cleaned body; 'body': phrases that MUST be in it (first = start of the body, last = end). date_source: explicit = stated in the page/text, input = given by JSONL/RSS, inferred = reasoned from the text's own references (then earliest/latest bound the window and true_date is the intended date).",
    "story": "Ethiopia-Sudan al-Fashaga border shelling (22 Feb 2025) -> AU mediation -> Nairobi ceasefire (21 Mar) -> Metema incident (3 Apr) -> joint border commission (14 Apr) -> heavy weapons pullback (20 Apr) and first returns.",
    "not_articles": [
        {"path": "examples/README.md", "why": "corpus description, not news"},
        {"path": "examples/make_warc.py", "why": "generator script, not news"},
        {"path": "examples/archive/crawl.warc.gz", "position": "robots.txt response and the request record", "why": "non-HTML / non-response records"},
    ],
    "articles": arts,
}

# merged events: event_key -> list of mentions
merges = {}
for d in DOCS:
    for e in d["events"]:
        if "event_key" in e:
            merges.setdefault(e["event_key"], []).append(
                {"path": d["path"], "position": d["position"], "anchor": e["anchor"],
                 "modality": e["modality"]})
merges = {k: v for k, v in merges.items() if len(v) > 1}

series = {}
for d in DOCS:
    for f in d["figures"]:
        if f.get("series"):
            series.setdefault(f["series"], []).append(
                {"value": f["value"], "qualifier": f["qualifier"], "as_of": f["as_of"],
                 "attribution": f["attribution"], "path": d["path"], "position": d["position"],
                 "anchor": f["anchor"]})
for v in series.values():
    v.sort(key=lambda x: x["as_of"]["start"])

events = {
    "description": "Gold events and figures for examples/. Per article: events a careful analyst would code (PLOVER type, source/target as canonical actors with ISO3 country and role, modality asserted|future|hypothetical|negated, date = when it happened, resolved against the article date). 'anchor' is an exact phrase of the sentence. 'also_acceptable' lists alternative {type, modality[, source, date]} codings a reasonable coder could choose. 'conditional': true marks sentences with a condition (if/unless/once/as long as); absent means false. 'attribution' absent means none stated. 'event_key' links mentions of the same real-world event across articles: see 'merged_events'. Dates with no resolvable time are null. Figures: value (number), qualifier, unit, what, where, as_of window, attribution, anchor; 'series' links the same quantity over time (see 'figure_series').",
    "articles": [
        {"path": d["path"], "position": d["position"], "outlet": d["outlet"],
         "published": d["published"], "events": d["events"], "figures": d["figures"]}
        for d in DOCS
    ],
    "merged_events": merges,
    "figure_series": series,
}

out = ROOT / "tests" / "gold"
out.mkdir(parents=True, exist_ok=True)
(out / "examples_articles.json").write_text(json.dumps(articles, ensure_ascii=False, indent=1) + "\n")
def compact(obj, ind=0):
    """Indented JSON, but every event, figure and mention on one line."""
    pad = " " * ind
    if isinstance(obj, dict) and ("anchor" in obj or "value" in obj):
        return json.dumps(obj, ensure_ascii=False)
    if isinstance(obj, dict):
        items = [f'{pad} {json.dumps(k)}: {compact(v, ind + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and obj and isinstance(obj[0], (dict, list)):
        items = [pad + " " + compact(v, ind + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


(out / "examples_events.json").write_text(compact(events) + "\n")
print("merged:", {k: len(v) for k, v in merges.items()})
print("series:", [(x["as_of"]["start"], x["value"]) for x in series[DISP]])
