"""The end-of-run summary table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from storyline.pipeline import Summary


class SummaryConsole(Console):
    """A console whose closed pipe (``storyline run … | head -1``) is a
    :class:`BrokenPipeError` for the caller to handle: rich's own handling exits with
    status 1, in silence, after a run that wrote all its outputs."""

    def on_broken_pipe(self) -> None:
        import errno

        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def print_summary(summary: Summary, console: Console | None = None) -> None:
    console = console or SummaryConsole()
    table = Table(title="storyline run", show_header=False, box=None)
    table.add_row("files read", f"{summary.files - summary.files_reused}"
                  + (f" (+{summary.files_reused} unchanged, reused)" if summary.files_reused else ""))
    table.add_row("documents", str(summary.documents))
    table.add_row("articles stored", f"{summary.articles_new} new, {summary.articles_known} already stored"
                  + (f", {summary.articles_replaced} of edited files' old versions retired"
                     if summary.articles_replaced else ""))
    table.add_row("articles in database", str(summary.articles_total))
    skipped = sum(summary.skipped.values())
    table.add_row("inputs skipped", str(skipped) + (
        " (" + ", ".join(f"{k}: {v}" for k, v in summary.skipped.most_common()) + ")" if skipped else ""))
    if summary.flagged:
        table.add_row("inputs flagged", ", ".join(f"{k}: {v}" for k, v in summary.flagged.items()))
    if summary.stories:
        st = summary.stories
        table.add_row("stories", f"{st.get('stories_total', 0)} ({st.get('stories_new', 0)} new, "
                      f"{st.get('stories_merged', 0)} re-merged)")
        table.add_row("syndicated copies", f"{st.get('duplicates_new', 0)} new, linked to originals")
    table.add_row("time", f"{summary.seconds:.1f} s")
    for name, path in summary.outputs.items():
        table.add_row(name, path)
    console.print(table)
