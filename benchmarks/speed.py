"""Speed of the per-document stages against a bare spaCy pass over the same texts.

Texts: the bundled sample corpus, the seeds and (when ../shared is there) the
Timeline17 development articles, cleaned once. Reports tokens per second of
(a) a bare spaCy pass (all pipes, ``nlp.pipe``), (b) the cleaning stage, (c) the
annotation stage, and the ratio (c)/(a); (d) the whole ``storyline run`` (one worker,
a fresh store: reading, cleaning, annotating, stories, merging, exports and the report)
over the same documents as JSON Lines, and its ratio to (a); (e) ``storyline code``
(:func:`storyline.api.code_records`) over the sentences of those texts against a bare
spaCy pass over the same sentences. One process, one core.

    .venv/bin/python benchmarks/speed.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate.stage import annotate_article, load_nlp  # noqa: E402
from storyline.clean.article import make_article  # noqa: E402
from storyline.ingest.readers import read_documents  # noqa: E402
from storyline.model import Article, RawDocument  # noqa: E402

SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))


def raw_documents(limit: int) -> list[RawDocument]:
    inputs = [str(ROOT / "examples")]
    if (SHARED / "seeds").exists():
        inputs.append(str(SHARED / "seeds"))
    docs = [d for d in read_documents(inputs) if isinstance(d, RawDocument)]
    t17 = SHARED / "dev" / "t17"
    if t17.exists():
        for f in sorted(t17.glob("*/articles.jsonl")):
            for line in f.read_text("utf-8").splitlines():
                if len(docs) >= limit:
                    break
                obj = json.loads(line)
                docs.append(RawDocument(path=str(f), kind="text", content=obj["text"],
                                        given_published=obj.get("time")))
    else:
        print(f"note: {t17} absent; measuring on the sample corpus and seeds only")
    return docs[:limit]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=400)
    args = ap.parse_args()
    raws = raw_documents(args.limit)
    nlp = load_nlp()
    nlp("warm up")

    t0 = time.perf_counter()
    articles = [a for a in (make_article(r) for r in raws) if isinstance(a, Article)]
    t_clean = time.perf_counter() - t0
    texts = [a.text for a in articles]

    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    t_spacy = time.perf_counter() - t0

    t0 = time.perf_counter()
    for a in articles:
        annotate_article(a)
    t_annotate = time.perf_counter() - t0

    import tempfile

    from storyline.api import Record, code_records
    from storyline.pipeline import Options, run

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for i, r in enumerate(raws):
                fh.write(json.dumps({"id": str(i), "text": r.content,
                                     "published": r.given_published}) + "\n")
        t0 = time.perf_counter()
        run([str(src)], Path(tmp) / "out", None, Options(progress=False), log=lambda _m: None)
        t_run = time.perf_counter() - t0

    sentences = [s.text for doc in nlp.pipe(texts[:60], batch_size=32) for s in doc.sents
                 if s.text.strip()][:3000]
    t0 = time.perf_counter()
    sent_tokens = sum(len(doc) for doc in nlp.pipe(sentences, batch_size=64))
    t_sent_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in code_records(Record(s) for s in sentences):
        pass
    t_code = time.perf_counter() - t0

    result = {
        "articles": len(articles), "tokens": tokens,
        "run_over_spacy_time": round(t_run / t_spacy, 3),
        "code_sentences": len(sentences), "code_tokens": sent_tokens,
        "code_throughput_over_spacy": round(t_sent_spacy / t_code, 3),
        "spacy_tokens_per_s": round(tokens / t_spacy),
        "clean_tokens_per_s": round(tokens / t_clean),
        "annotate_tokens_per_s": round(tokens / t_annotate),
        "annotate_over_spacy_time": round(t_annotate / t_spacy, 3),
        "clean_plus_annotate_over_spacy_time": round((t_clean + t_annotate) / t_spacy, 3),
    }
    print(f"{len(articles)} articles, {tokens:,} tokens")
    print(f"{'stage':<28}{'tokens/s':>12}{'seconds':>10}")
    print(f"{'bare spaCy (nlp.pipe)':<28}{result['spacy_tokens_per_s']:>12,}{t_spacy:>10.2f}")
    print(f"{'clean (per document)':<28}{result['clean_tokens_per_s']:>12,}{t_clean:>10.2f}")
    print(f"{'annotate (per document)':<28}{result['annotate_tokens_per_s']:>12,}{t_annotate:>10.2f}")
    print(f"annotate / bare spaCy time: {result['annotate_over_spacy_time']}")
    print(f"(clean + annotate) / bare spaCy time: {result['clean_plus_annotate_over_spacy_time']}")
    print(f"storyline run (end to end, one worker) / bare spaCy time: "
          f"{result['run_over_spacy_time']}")
    print(f"storyline code throughput / bare spaCy throughput on {len(sentences)} sentences: "
          f"{result['code_throughput_over_spacy']}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "speed.json").write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
