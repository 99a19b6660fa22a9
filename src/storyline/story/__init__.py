"""Cross-document stages: stories, syndication, merged events, figures over time, timeline, dyads."""
